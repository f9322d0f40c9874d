#include "render/wrap.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsdex {
namespace {

TEST(Wrap, VisibleWidthCountsCodePointsNotColours) {
  EXPECT_EQ(visible_width("Zürich"), 6u);
  EXPECT_EQ(visible_width("\x1b[1mGaza\x1b[0m"), 4u);
  EXPECT_EQ(visible_width("\x1b[2m12\x1b[0m \u00b7 x"), 6u);
  EXPECT_EQ(visible_width(""), 0u);
}

TEST(Wrap, WordsBreakBetweenWordsWithTheIndent) {
  const struct {
    const char* lead;
    const char* text;
    std::size_t width, indent;
    const char* want;
  } cases[] = {
      {"    ", "the truce held through the night", 21, 4, "    the truce held\n    through the night"},
      {" 1. ", "Title  (2021-05-21)", 40, 4, " 1. Title  (2021-05-21)"},                      // fits: as it is
      {" 1. ", "Title  (2021-05-21)", 0, 4, " 1. Title  (2021-05-21)"},                       // no width: as it is
      {"", "a verylongwordthatdoesnotfit b", 10, 2, "a\n  verylongwordthatdoesnotfit\n  b"},  // never split
      {"note: ", "one two three four", 14, 6, "note: one two\n      three\n      four"},
      {"", "\x1b[1mbold\x1b[0m words here", 10, 0, "\x1b[1mbold\x1b[0m words\nhere"},  // colours take no room
  };
  for (const auto& c : cases) {
    EXPECT_EQ(wrap_words(c.lead, c.text, c.width, c.indent), c.want) << c.text << " at " << c.width;
  }
}

TEST(Wrap, ListsBreakBetweenItems) {
  const std::vector<std::string> values{"Gaza 3", "Gaza City 2", "Tel Aviv 1", "White House 1"};
  EXPECT_EQ(wrap_units("Places (4): ", values, " \u00b7 ", 30, 2),
            "Places (4): Gaza 3\n  Gaza City 2 \u00b7 Tel Aviv 1\n  White House 1");
  EXPECT_EQ(wrap_units("Places (4): ", values, " \u00b7 ", 0, 2),
            "Places (4): Gaza 3 \u00b7 Gaza City 2 \u00b7 Tel Aviv 1 \u00b7 White House 1");
  // An item too wide for any line is broken between its words.
  EXPECT_EQ(wrap_units("Orgs (2): ", {"Organization for Security 2", "UN 1"}, " \u00b7 ", 16, 2),
            "Orgs (2):\n  Organization\n  for Security 2\n  UN 1");
  // Every line within the width.
  const std::string wrapped = wrap_units("People (4): ", values, " \u00b7 ", 24, 2);
  std::size_t start = 0;
  while (start <= wrapped.size()) {
    const std::size_t nl = wrapped.find('\n', start);
    const std::string line = wrapped.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    EXPECT_LE(visible_width(line), 24u) << line;
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace
}  // namespace newsdex
