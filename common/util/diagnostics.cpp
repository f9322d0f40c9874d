#include "util/diagnostics.hpp"

#include <algorithm>
#include <ostream>

namespace newsdex {

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

std::size_t CollectingDiagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace newsdex
