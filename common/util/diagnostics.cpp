#include "util/diagnostics.hpp"

#include <algorithm>
#include <ostream>

namespace newsdex {
namespace {

// 2220 -> "2,220".
std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) out += ':' + std::to_string(d.line);
    out += ": ";
  }
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += d.message;
  return out;
}

void StreamDiagnostics::report(Diagnostic d) {
  const std::lock_guard lock(mutex_);
  if (before_) before_();
  out_ << format_diagnostic(d) << '\n';
  out_.flush();
}

void SummarizingDiagnostics::report(Diagnostic d) {
  if (d.severity == Severity::warning && !d.kind.empty()) {
    const std::lock_guard lock(mutex_);
    if (++seen_[d.kind] > shown_) return;
  }
  next_.report(std::move(d));
}

void SummarizingDiagnostics::finish() {
  std::map<std::string, std::size_t> seen;
  {
    const std::lock_guard lock(mutex_);
    seen.swap(seen_);
  }
  for (const auto& [kind, n] : seen) {
    if (n <= shown_) continue;
    next_.report({"", 0, Severity::warning,
                  "... and " + with_thousands(n - shown_) + " more " + warning_kind_phrase(kind, n - shown_) +
                      " (--verbose prints each)",
                  ""});
  }
}

std::string warning_kind_phrase(const std::string& kind, std::size_t n) {
  // kind -> the singular and the plural
  static const std::map<std::string, std::pair<std::string, std::string>> phrases{
      {"undated", {"article without a date", "articles without a date"}},
      {"duplicate-id", {"article with an id given before", "articles with an id given before"}},
      {"encoding", {"article with invalid UTF-8", "articles with invalid UTF-8"}},
      {"controls", {"article with control characters", "articles with control characters"}},
      {"empty", {"article without a title or body", "articles without a title or body"}},
      {"symlink", {"symbolic link skipped", "symbolic links skipped"}},
  };
  const auto it = phrases.find(kind);
  if (it == phrases.end()) return (n == 1 ? "warning of the kind '" : "warnings of the kind '") + kind + "'";
  return n == 1 ? it->second.first : it->second.second;
}

std::size_t CollectingDiagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace newsdex
