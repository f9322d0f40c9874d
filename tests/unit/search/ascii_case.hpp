#pragma once
// The case changes the tests' small archives make (ASCII only), for their
// WordEvidence::lower() and capitalised().
#include <cctype>
#include <string>
#include <string_view>

namespace newsdex::test {

inline std::string ascii_lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string ascii_capitalised(std::string_view word) {
  std::string out(word);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace newsdex::test
