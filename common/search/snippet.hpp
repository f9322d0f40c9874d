#pragma once
// Turns Xapian's marked-up snippet into plain one-line text (white space
// folded) plus highlight offsets.
// Xapian escapes the snippet for HTML and wraps matches in the markers we
// pass it (kHighlightStart/kHighlightEnd: control characters, which never
// occur in indexed text because the parser replaces them).
//   auto s = split_highlights("the \x01" "ceasefire\x02 &amp; talks");
//   s.text == "the ceasefire & talks", s.highlights == {{4, 13}}
#include <string>
#include <string_view>
#include <vector>

#include "search/results.hpp"

namespace newsdex {

inline constexpr std::string_view kHighlightStart = "\x01";
inline constexpr std::string_view kHighlightEnd = "\x02";

struct PlainSnippet {
  std::string text;
  std::vector<Highlight> highlights;
};

PlainSnippet split_highlights(std::string_view marked);

}  // namespace newsdex
