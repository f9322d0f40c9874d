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
    next_.report(
        {"", 0, Severity::warning,
         "... and " + with_thousands(n - shown_) + " more " + warning_kind_phrase(kind) + " (--verbose prints each)",
         ""});
  }
}

std::string warning_kind_phrase(const std::string& kind) {
  static const std::map<std::string, std::string> phrases{
      {"undated", "articles without a date"},        {"duplicate-id", "articles with an id given before"},
      {"encoding", "articles with invalid UTF-8"},   {"controls", "articles with control characters"},
      {"empty", "articles without a title or body"}, {"symlink", "symbolic links skipped"},
  };
  const auto it = phrases.find(kind);
  return it != phrases.end() ? it->second : "warnings of the kind '" + kind + "'";
}

std::size_t CollectingDiagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace newsdex
