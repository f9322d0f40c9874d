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

// Also turns the marks of protect_possessives() back into apostrophes, a
// highlight that ends at one running on over the "'s".
PlainSnippet split_highlights(std::string_view marked);

// The text for Xapian's snippet with each possessive's apostrophe made a
// mark that separates words ("Blair's" -> "Blair\uE000s"), so that the name
// is highlighted as a word and within phrases, as the index matched it;
// split_highlights() writes the apostrophe back. Text that holds the marks
// already is returned as it is.
//   split_highlights(snippet_of(protect_possessives("Tony Blair's"))) -> "*Tony Blair's*"
std::string protect_possessives(std::string_view text);

// A snippet around the first mention of a name, for a query of entity
// filters only: about `bytes` long (cut at words, "…" where text was left
// out; the whole text when it is shorter), every mention in it highlighted.
// `forms` are the ways the name is written ("Tony Blair", "Blair"); a
// mention is a form with no letter or digit either side, longest first.
// No mention at all: the text's start, nothing highlighted.
//   mention_snippet("Talks with Blair. Mr Blair left.", {"Blair"}, 240).highlights == {{11,16},{21,26}}
PlainSnippet mention_snippet(std::string_view text, const std::vector<std::string>& forms, std::size_t bytes);

}  // namespace newsdex
