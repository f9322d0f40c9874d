#pragma once
// Diagnostics read like a compiler's and name the file and line:
//   corpus/a.jsonl:17: error: bad JSON (unexpected '}'); skipped
// Library code reports them to a DiagnosticSink; the CLI decides where they go.
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace newsdex {

enum class Severity { warning, error };

struct Diagnostic {
  std::string file;      // as the user named it; empty for none
  std::size_t line = 0;  // 1-based; 0 = the whole file
  Severity severity = Severity::error;
  std::string message;
  // What a warning is about, when many articles can have it ("undated",
  // "duplicate-id", "encoding", "controls", "empty", "symlink"): counted by
  // kind in the summary, and printed only a few times each (see
  // SummarizingDiagnostics). Empty for others.
  std::string kind;
};

// "file:line: error: message" (the line is omitted when 0, the file when empty).
std::string format_diagnostic(const Diagnostic& d);

class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void report(Diagnostic d) = 0;

  void warning(std::string file, std::size_t line, std::string message, std::string kind = {}) {
    report({std::move(file), line, Severity::warning, std::move(message), std::move(kind)});
  }
  void error(std::string file, std::size_t line, std::string message) {
    report({std::move(file), line, Severity::error, std::move(message), {}});
  }
};

// Prints each diagnostic on its own line (thread-safe). Wrap it in a
// CountingDiagnostics to count them.
class StreamDiagnostics : public DiagnosticSink {
 public:
  explicit StreamDiagnostics(std::ostream& out) : out_(out) {}
  void report(Diagnostic d) override;

  // Called before each message so that a progress bar can clear its line.
  void set_interrupt_hook(std::function<void()> before) { before_ = std::move(before); }

 private:
  std::ostream& out_;
  std::mutex mutex_;
  std::function<void()> before_;
};

// Counts what passes through to another sink.
class CountingDiagnostics : public DiagnosticSink {
 public:
  explicit CountingDiagnostics(DiagnosticSink& next) : next_(next) {}
  void report(Diagnostic d) override {
    (d.severity == Severity::error ? errors : warnings)++;
    if (d.severity == Severity::warning) ++warnings_by_kind[d.kind.empty() ? "other" : d.kind];
    next_.report(std::move(d));
  }
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::map<std::string, std::size_t> warnings_by_kind;  // "undated": 2225

 private:
  DiagnosticSink& next_;
};

// Passes on the first `shown` warnings of each kind and counts the rest;
// finish() then reports one line per kind that had more:
//   warning: ... and 2,220 more articles without a date (--verbose prints each)
// Errors and warnings without a kind always pass (thread-safe).
class SummarizingDiagnostics : public DiagnosticSink {
 public:
  SummarizingDiagnostics(DiagnosticSink& next, std::size_t shown) : next_(next), shown_(shown) {}
  void report(Diagnostic d) override;
  void finish();

 private:
  DiagnosticSink& next_;
  std::size_t shown_;
  std::mutex mutex_;
  std::map<std::string, std::size_t> seen_;  // by kind
};

// What `n` warnings of a kind are about: "articles without a date" (1: "article without a date").
std::string warning_kind_phrase(const std::string& kind, std::size_t n);

// Keeps every diagnostic; for tests and for callers that render them later.
class CollectingDiagnostics : public DiagnosticSink {
 public:
  void report(Diagnostic d) override { all.push_back(std::move(d)); }
  std::size_t count(Severity s) const;
  std::vector<Diagnostic> all;
};

}  // namespace newsdex
