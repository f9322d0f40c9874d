#pragma once
// Feature and phrase keys: 64-bit hashes of strings, combined with a strong mixer so
// that template ids and positions never collide in practice.
//   std::uint64_t k = combine(kTemplateLower, hash_text("gaza"));
#include <cstdint>
#include <string_view>

namespace newsdex::ner {

inline std::uint64_t mix64(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline std::uint64_t hash_text(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ s.size());
}

inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
  return mix64(a * 0x9E3779B97F4A7C15ULL + b);
}

}  // namespace newsdex::ner
