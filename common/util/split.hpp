#pragma once
// Splitting text at a separator, without copies.
#include <string_view>
#include <vector>

namespace newsdex {

// The parts of `text` between the separators, empty ones included:
// split("a\tb\t", '\t') == {"a", "b", ""}; split("", '\n') == {""}.
inline std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = text.find(sep);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

}  // namespace newsdex
