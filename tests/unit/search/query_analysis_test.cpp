#include "search/query_analysis.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "ascii_case.hpp"

namespace newsdex {
namespace {

// A small archive: which words it has, and which of them are names.
class FakeArchive : public WordEvidence {
 public:
  std::string lower(std::string_view word) override { return test::ascii_lower(word); }
  std::string capitalised(std::string_view word) override { return test::ascii_capitalised(word); }
  WordKind kind(const std::string& w) override {
    const auto it = words_.find(w);
    return it == words_.end() ? WordKind::unknown : it->second;
  }

 private:
  std::map<std::string, WordKind> words_{{"federer", WordKind::name}, {"blair", WordKind::name},
                                         {"tony", WordKind::name},    {"jones", WordKind::name},
                                         {"oil", WordKind::word},     {"prices", WordKind::word},
                                         {"wins", WordKind::word},    {"bank", WordKind::word},
                                         {"it's", WordKind::word},    {"o'connell", WordKind::name}};
};

struct Case {
  const char* query;
  const char* text;  // for Xapian's parser
};

TEST(QueryAnalysis, WordsAreWrittenAsTheArchiveDecides) {
  const Case cases[] = {
      {"federer", "Federer"},  // a name: exact however typed
      {"FEDERER wins", "Federer wins"},
      {"Federer", "Federer"},
      {"OIL PRICES", "oil prices"},  // no names: stemmed however typed
      {"Oil prices", "oil prices"},
      {"Blair's", "Blair"},  // a possessive is the name itself
      {"blair\u2019s", "Blair"},
      {"Jones'", "Jones"},
      {"it's", "it's"},  // no possessive
      {"o'connell", "O'connell"},
      {"Blaire", "Blaire"},  // unknown: as typed, so did-you-mean sees it
      {"blaire", "blaire"},
      {"title:federer bank", "title:Federer bank"},
      {"+FEDERER -Bank", "+Federer -bank"},
      {"\"OIL PRICES\"", "\"OIL PRICES\""},  // phrases as written
      {"federer OR Bank", "Federer OR bank"},
      {"(OIL OR bank) NOT federer", "(oil OR bank) NOT Federer"},
      {"person:blair", "person:blair"},  // other fields as written
      {"G7 U.S. al-Qaeda fed*", "G7 U.S. al-Qaeda fed*"},
      {"  tony   blair ", "  Tony   Blair "},  // spacing kept
  };
  FakeArchive archive;
  for (const auto& c : cases) EXPECT_EQ(analyze_query(c.query, archive).text, c.text) << c.query;
}

TEST(QueryAnalysis, PlainWordsAndExclusions) {
  FakeArchive archive;
  const auto plain = analyze_query("tony BLAIR's bank", archive);
  EXPECT_TRUE(plain.plain);
  EXPECT_EQ(plain.words, (std::vector<std::string>{"Tony", "Blair", "bank"}));
  EXPECT_FALSE(plain.only_exclusions);

  for (const char* q : {"tony OR blair", "\"tony blair\"", "title:blair", "-bank blair", "blair*", "(blair)"}) {
    EXPECT_FALSE(analyze_query(q, archive).plain) << q;
  }
  EXPECT_EQ(analyze_query("title:blair bank", archive).words, (std::vector<std::string>{"bank"}));

  const auto exclusions = analyze_query("-bank -FEDERER", archive);
  EXPECT_TRUE(exclusions.only_exclusions);
  EXPECT_EQ(exclusions.text, "NOT bank NOT Federer");
  EXPECT_FALSE(analyze_query("-bank blair", archive).only_exclusions);
  EXPECT_FALSE(analyze_query("-\"tony blair\"", archive).only_exclusions);
  EXPECT_FALSE(analyze_query("", archive).plain);
}

TEST(QueryAnalysis, StopWordsAreNoNames) {
  for (const char* w : {"the", "of", "and", "a", "to", "in"}) EXPECT_TRUE(is_stop_word(w)) << w;
  for (const char* w : {"us", "who", "may", "will", "it", "can", "bank"}) EXPECT_FALSE(is_stop_word(w)) << w;
}

}  // namespace
}  // namespace newsdex
