#include "search/snippet.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex {
namespace {

TEST(Snippet, PossessivesAreHighlightedAsWritten) {
  // What Xapian's snippet makes of the protected text: the name marked.
  const std::string text = protect_possessives("Tony Blair's aides, Blair\u2019s, it's Jones' O'Neill's");
  EXPECT_EQ(text, "Tony Blair\uE000s aides, Blair\uE001s, it's Jones' O'Neill\uE000s");
  const auto s = split_highlights(
      "\x01"
      "Tony Blair\x02\uE000s aides, \x01"
      "Blair\x02\uE001s, it's");
  EXPECT_EQ(s.text, "Tony Blair's aides, Blair\u2019s, it's");
  ASSERT_EQ(s.highlights.size(), 2u);
  EXPECT_EQ(s.highlights[0].start, 0u);
  EXPECT_EQ(s.highlights[0].end, 12u);  // "Tony Blair's"
  EXPECT_EQ(s.highlights[1].start, 20u);
  EXPECT_EQ(s.highlights[1].end, 27u);  // "Blair’s"
  // Text that has the marks already is left alone.
  EXPECT_EQ(protect_possessives("a\uE000s Blair's"), "a\uE000s Blair's");
}

TEST(Snippet, AroundTheFirstMentionOfAnEntity) {
  const std::string text = "Talks went on. Mr Blair said Tony Blair's team, not Blairite aides, would stay.";
  const auto s = mention_snippet(text, {"Tony Blair", "Blair"}, 240);
  EXPECT_EQ(s.text, text);  // short enough to show whole
  std::vector<std::string> marked;
  for (const auto& h : s.highlights) marked.push_back(test::code_points(s.text, h.start, h.end));
  // Whole words only (not "Blairite"), the longest form where two start together.
  EXPECT_EQ(marked, (std::vector<std::string>{"Blair", "Tony Blair"}));
  // A long text: the snippet opens near the first mention, which it highlights.
  const std::string long_text = std::string(2000, 'x') + " then Blair spoke. " + std::string(2000, 'y');
  const auto l = mention_snippet(long_text, {"Blair"}, 120);
  ASSERT_FALSE(l.highlights.empty());
  EXPECT_EQ(test::code_points(l.text, l.highlights[0].start, l.highlights[0].end), "Blair");
  EXPECT_LE(l.text.size(), 140u);
  // No mention: the start, nothing highlighted.
  const auto none = mention_snippet("Nothing here at all.", {"Blair"}, 240);
  EXPECT_EQ(none.text, "Nothing here at all.");
  EXPECT_TRUE(none.highlights.empty());
}

TEST(Snippet, SplitsHighlightsAndUnescapes) {
  struct Case {
    std::string marked, text;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
  };
  const std::vector<Case> cases = {
      {"no match", "no match", {}},
      {"the \x01"
       "ceasefire\x02 held",
       "the ceasefire held",
       {{4, 13}}},
      {"\x01"
       "Gaza\x02 &amp; \x01"
       "Egypt\x02",
       "Gaza & Egypt",
       {{0, 4}, {7, 12}}},
      {"Z\xC3\xBCrich \x01"
       "talks\x02",
       "Z\xC3\xBCrich talks",
       {{7, 12}}},  // offsets in code points
      {"a &lt;b&gt; &quot;c&quot; &#39;d&#39;", "a <b> \"c\" 'd'", {}},
      {"line one\n\nline  two", "line one line two", {}},  // white space folded
      {"&unknown; stays", "&unknown; stays", {}},
  };
  for (const auto& c : cases) {
    const auto s = split_highlights(c.marked);
    EXPECT_EQ(s.text, c.text) << c.marked;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const auto& h : s.highlights) spans.emplace_back(h.start, h.end);
    EXPECT_EQ(spans, c.spans) << c.marked;
  }
}

}  // namespace
}  // namespace newsdex
