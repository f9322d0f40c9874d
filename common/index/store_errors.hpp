#pragma once
// What a user is told about a failure of Xapian's: what to do when the
// cause is a full disk (or quota), appended to the message naming it.
//   throw DatabaseError("commit failed (" + e.get_description() + ")" + full_disk_hint(e));
//   -> "commit failed (DatabaseError: Error writing block 148 (No space left on device)); the disk is
//       full: free some space and run the same command again (it indexes what the last commit lacks)"
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace newsdex {

inline bool is_full_disk(const Xapian::Error& e) {
  const std::string text = e.get_description() + ' ' + (e.get_error_string() != nullptr ? e.get_error_string() : "");
  for (const int code : {ENOSPC, EDQUOT}) {
    if (text.find(std::strerror(code)) != std::string::npos) return true;
  }
  return false;
}

// "" unless the disk is full.
inline std::string full_disk_hint(const Xapian::Error& e) {
  if (!is_full_disk(e)) return {};
  return "; the disk is full: free some space and run the same command again (it indexes what the last commit "
         "lacks)";
}

}  // namespace newsdex
