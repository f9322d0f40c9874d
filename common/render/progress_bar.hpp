#pragma once
// A one-line progress bar for indexing, redrawn at most ten times a second:
//   [#########.........]  48%  10,512 articles  11.6/24.2 MB  2,310/s  ETA 0:05
// Only used when stderr is a terminal.
#include <chrono>
#include <iosfwd>
#include <mutex>

#include "index/index_stats.hpp"

namespace newsdex {

class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& out) : out_(out) {}
  void update(const IndexProgress& p);
  // Erases the bar (before a diagnostic or the summary is printed).
  void clear();

 private:
  std::ostream& out_;
  std::mutex mutex_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace newsdex
