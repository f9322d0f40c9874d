#pragma once
// A stable 64-bit content hash (FNV-1a): the same bytes give the same hash on
// every machine and in every build, so it can be stored in the database.
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

class Hasher {
 public:
  // Feeds bytes; fields are separated so ("ab","c") and ("a","bc") differ.
  Hasher& add(std::string_view bytes) {
    for (const char c : bytes) {
      state_ ^= static_cast<unsigned char>(c);
      state_ *= 0x100000001b3ULL;
    }
    state_ ^= 0xFF;  // field separator: a byte value UTF-8 never contains
    state_ *= 0x100000001b3ULL;
    return *this;
  }
  std::uint64_t value() const { return state_; }
  // 16 lower-case hex digits. Example: Hasher().add("x").hex().size() == 16.
  std::string hex() const;

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

inline std::string Hasher::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  std::uint64_t v = state_;
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[v & 0xF];
    v >>= 4;
  }
  return out;
}

}  // namespace newsdex
