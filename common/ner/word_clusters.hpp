#pragma once
// Brown word clusters as features: each word of a large unlabeled news text has a
// path in a binary merge tree ("0110101..."); words used alike share long prefixes
// (Monday/Tuesday, Clinton/Yeltsin), which generalises from the names a tagger was
// trained on to ones it never saw.
//   WordClusters c; c.add("Monday", "0110100"); c.build();
//   c.find(hash_text("Monday")) -> {bits 0b0110100, length 7}
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "ner/flat_map.hpp"

namespace newsdex::ner {

struct ClusterPath {
  std::uint32_t bits = 0;   // the first `length` bits of the path, most significant first
  std::uint8_t length = 0;  // 0: the word has no cluster
  // The path's first n bits (n <= length), as a number that is distinct per (n, prefix).
  std::uint64_t prefix(unsigned n) const {
    n = n < length ? n : length;
    return (static_cast<std::uint64_t>(n) << 32) | (bits >> (length - n));
  }
};

class WordClusters {
 public:
  static constexpr unsigned kMaxBits = 24;
  // Adds a word (case-sensitive, as tokenized) and its bit-string; paths longer than
  // kMaxBits are cut.
  void add(std::string_view word, std::string_view bits);
  void build();
  // Reads Liang's `paths` format: bitstring<TAB>word<TAB>count. Throws InputError.
  void load_paths(const std::filesystem::path& path);
  ClusterPath find(std::uint64_t word_hash) const {
    const std::uint32_t v = table_.find(word_hash);
    if (v == 0) return {};
    return ClusterPath{v >> 5, static_cast<std::uint8_t>((v & 31) - 1)};
  }
  std::size_t size() const { return entries_.size(); }

  const std::vector<std::pair<std::uint64_t, std::uint32_t>>& entries() const { return entries_; }
  void set_entries(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries);

 private:
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries_;  // word hash -> bits << 5 | (length + 1)
  FlatMap table_;
};

}  // namespace newsdex::ner
