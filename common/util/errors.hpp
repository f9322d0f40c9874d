#pragma once
// Typed errors that library code throws; the CLIs catch them once in main
// and turn them into a message and an exit code. Library code never exits.
#include <stdexcept>
#include <string>

namespace newsdex {

// Base of every error newsdex throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked for something impossible: a bad option value, a bad date.
// Exit code 2. Example: throw UsageError("--since: expected YYYY-MM-DD, got '21-5-1'");
class UsageError : public Error {
 public:
  using Error::Error;
};

// A query the query parser rejects (unbalanced quotes, unknown range...).
class QueryError : public Error {
 public:
  using Error::Error;
};

// The database cannot be opened, is locked, or a commit failed.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// An input file that cannot be read at all (missing, unreadable, not gzip).
class InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace newsdex
