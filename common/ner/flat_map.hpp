#pragma once
// A compact read-only hash map from 64-bit keys to non-zero 32-bit values, built once
// and probed millions of times a second: 8 bytes a slot (a 32-bit fingerprint and the
// value), linear probing, load at most 1/2. The low bits of a key choose the slot and
// the high 32 bits are compared, so a false hit needs ~50 equal bits.
//   FlatMap m; m.build({{key, 7}}); m.find(key) == 7; m.find(other) == 0;
#include <cstdint>
#include <utility>
#include <vector>

namespace newsdex::ner {

class FlatMap {
 public:
  FlatMap() : slots_(1) {}  // one empty slot: find() on an unbuilt map returns 0

  void build(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& entries) {
    std::size_t capacity = 16;
    while (capacity < entries.size() * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const auto& [key, value] : entries) {
      std::size_t i = key & mask_;
      while (slots_[i].value != 0 && slots_[i].fingerprint != fingerprint(key)) i = (i + 1) & mask_;
      slots_[i] = Slot{fingerprint(key), value};
    }
  }

  // The value stored for key, or 0.
  std::uint32_t find(std::uint64_t key) const {
    std::size_t i = key & mask_;
    const auto fp = fingerprint(key);
    while (true) {
      const Slot& s = slots_[i];
      if (s.value == 0) return 0;
      if (s.fingerprint == fp) return s.value;
      i = (i + 1) & mask_;
    }
  }

  void prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[key & mask_]); }

 private:
  struct Slot {
    std::uint32_t fingerprint = 0;
    std::uint32_t value = 0;
  };
  static std::uint32_t fingerprint(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace newsdex::ner
