#pragma once
// A set of article ids kept as 64-bit hashes, 8 bytes an id (a set of
// short strings took about 48 more: 1 M ids, peak RSS 193 -> 153 MiB), so
// that --prune on a file of 10 M articles stays in memory. Filled, then
// sealed, then asked:
//   IdSet seen;
//   seen.add("reuters-1"); seen.add("reuters-2");
//   seen.seal();
//   seen.contains("reuters-2") == true
// Two ids of one hash (a chance of about 3 in a million that any two of a
// file's 10 M ids share one) make contains() say yes for the other one too:
// --prune then keeps an article it could have deleted, never deletes one
// the file still has.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "util/hash.hpp"

namespace newsdex {

class IdSet {
 public:
  void add(std::string_view id) { hashes_.push_back(Hasher().add(id).value()); }
  // Sorts the hashes: contains() is a binary search from then on.
  void seal() {
    std::sort(hashes_.begin(), hashes_.end());
    hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  }
  bool contains(std::string_view id) const {
    return std::binary_search(hashes_.begin(), hashes_.end(), Hasher().add(id).value());
  }

 private:
  std::vector<std::uint64_t> hashes_;
};

}  // namespace newsdex
