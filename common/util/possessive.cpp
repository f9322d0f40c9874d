#include "util/possessive.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace newsdex {
namespace {

bool contraction(std::string_view base) {
  static constexpr std::array<std::string_view, 16> kWords{"it",  "that", "he",    "she",   "there", "what",
                                                           "let", "who",  "here",  "where", "how",   "when",
                                                           "why", "this", "which", "one"};
  std::string lower(base);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

}  // namespace

std::string_view possessive_base(std::string_view word) {
  std::string_view base;
  for (const std::string_view mark : {std::string_view("'s"), std::string_view("\u2019s")}) {
    if (word.size() > mark.size() + 1 && ends_with(word, mark)) base = word.substr(0, word.size() - mark.size());
  }
  if (base.empty()) {
    // "Jones'": a plural or -s name's possessive has the apostrophe alone.
    for (const std::string_view mark : {std::string_view("s'"), std::string_view("s\u2019")}) {
      if (word.size() > mark.size() && ends_with(word, mark)) base = word.substr(0, word.size() - mark.size() + 1);
    }
  }
  if (base.empty() || contraction(base)) return {};
  return base;
}

}  // namespace newsdex
