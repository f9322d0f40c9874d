#include "render/progress_bar.hpp"

#include <cstdio>
#include <ostream>
#include <string>

namespace newsdex {
namespace {

std::string thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace

void ProgressBar::update(const IndexProgress& p) {
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;

  constexpr int kWidth = 20;
  const double fraction =
      p.total_bytes > 0 ? std::min(1.0, static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes)) : 0.0;
  std::string bar(kWidth, '.');
  for (int i = 0; i < static_cast<int>(fraction * kWidth); ++i) bar[static_cast<std::size_t>(i)] = '#';
  const double mb = static_cast<double>(p.bytes) / 1e6;
  const double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0.0;
  char line[256];
  int n = std::snprintf(line, sizeof line, "\r[%s] %3.0f%%  %s articles  %.1f", bar.c_str(), fraction * 100,
                        thousands(p.articles).c_str(), mb);
  if (p.total_bytes > 0)
    n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "/%.1f",
                       static_cast<double>(p.total_bytes) / 1e6);
  n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), " MB  %s/s",
                     thousands(static_cast<std::size_t>(rate)).c_str());
  if (p.total_bytes > 0 && fraction > 0.01 && p.seconds > 0.5) {
    const auto eta = static_cast<long>(p.seconds * (1 - fraction) / fraction);
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "  ETA %ld:%02ld ", eta / 60, eta % 60);
  }
  out_ << line << "\x1b[K" << std::flush;
  shown_ = true;
}

void ProgressBar::clear() {
  const std::lock_guard lock(mutex_);
  if (!shown_) return;
  out_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace newsdex
