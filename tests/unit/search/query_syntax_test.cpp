#include "search/query_syntax.hpp"

#include <gtest/gtest.h>

#include "search/search_request.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

TEST(QuerySyntax, ForgivingReadingsSayWhatTheyDid) {
  struct Case {
    std::string query, read, note;
  };
  for (const Case& c : std::vector<Case>{
           {"\"world cup", "world cup", "the '\"' at column 1 is never closed: its words were searched as plain words"},
           {"(ceasefire OR truce", "ceasefire OR truce", "the '(' at column 1 has no partner: left out"},
           {"ceasefire)", "ceasefire", "the ')' at column 10 has no partner: left out"},
           {"ceasefire AND", "ceasefire ", "'AND' at column 11 has nothing to join on one side: left out"},
           {"NOT", "", "'NOT' at column 1 has nothing to join on one side: left out"},
           {"a AND -b", "a AND b", "'-b' at column 7 is next to an operator: searched without its '-'"},
           {"source:Reuters", "source Reuters", "'source:Reuters' at column 1: no such field"},
           {"gaza person:", "gaza ", "'person:' at column 6 has no value: left out"},
           {"year:21", "21", "year: takes a four-digit year"},
           {"date:2021 gaza", "date:2021..2021 gaza", "read as date:2021..2021"},
           {"date:2022..2021", "", "is not a date range: left out"},
           {"1..5 gaza", "1  5 gaza", "only date: takes a range A..B"},
           {"\"a\" (b", "\"a\" b", "the '(' at column 5 has no partner"},
           {"ceasefire talks", "ceasefire talks", ""},
       }) {
    std::string q = c.query;
    const auto notes = repair_query_syntax(q);
    EXPECT_EQ(q, c.read) << c.query;
    if (c.note.empty()) {
      EXPECT_TRUE(notes.empty()) << c.query;
    } else {
      ASSERT_FALSE(notes.empty()) << c.query;
      EXPECT_NE(notes[0].find(c.note), std::string::npos) << notes[0];
    }
    EXPECT_NO_THROW(check_query_syntax(q)) << "mended: " << q;
  }
  // Several problems, each mended and noted.
  std::string q = "\"a (b OR";
  EXPECT_EQ(repair_query_syntax(q).size(), 3u);
  EXPECT_NO_THROW(check_query_syntax(q)) << q;
}

TEST(QuerySyntax, RefusesWhatXapianWouldMisreadNamingTheColumnAndTheFix) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"\"world cup", "unbalanced quote: the '\"' at column 1 is never closed; add the closing '\"'"},
      {"world \"cup\" \"final", "the '\"' at column 13 is never closed"},
      {"(ceasefire OR truce", "'(' at column 1 is never closed; add a ')'"},
      {"ceasefire)", "')' at column 10 has no matching '('"},
      {"(a) b)", "')' at column 6 has no matching '('"},
      {"AND", "'AND' at column 1 needs a query on each side"},
      {"ceasefire OR", "'OR' at column 11 needs a query on each side"},
      {"OR ceasefire", "'OR' at column 1 needs a query on each side"},
      {"a AND AND b", "'AND' at column 3 needs a query on each side"},
      {"a (OR b)", "'OR' at column 4"},
      {"a NEAR/3", "'NEAR/3' at column 3"},
      {"gaza NOT", "'NOT' at column 6 needs a query after it"},
      {"NOT NOT gaza", "'NOT' at column 1 needs a query after it"},
      {"foo:bar",
       "unknown field 'foo:' at column 1 (the fields are title:, id:, year:, date:, person:, place: and org:); to "
       "search for the "
       "text, put it in quotes: \"foo:bar\""},
      {"caf\xC3\xA9 Title:war", "unknown field 'Title:' at column 6"},  // columns count characters
      {"-src:(a b)", "unknown field 'src:'"},
      {"year:21", "'year:21' at column 1: year: needs a four-digit year"},
      {"date:2021", "date: needs a range A..B"},
      {"date:2021-13..2022", "invalid date '2021-13' in date:A..B (use YYYY-MM-DD, YYYY-MM or YYYY"},
      {"x date:2021-02-30..", "'date:2021-02-30..' at column 3: invalid date '2021-02-30'"},
      {"date:2022..2021-06", "the range ends before it starts; write date:2021-06..2022"},
      {"-gaza AND talks", "'-gaza' at column 1 is next to 'AND': + and - do not mix with AND, OR"},
      {"talks OR +gaza", "'+gaza' at column 10 is next to 'OR'"},
      {"-t ADJ 0 0", "'-t' at column 1 is next to 'ADJ'"},  // Xapian leaked on this one (fuzz_query)
      {"NOT -gaza", "'-gaza' at column 5 is next to 'NOT'"},
      {"pages 1..5", "'1..5' at column 7: only date: takes a range A..B"},
  };
  for (const auto& [query, message] : bad) {
    try {
      check_query_syntax(query);
      ADD_FAILURE() << "accepted: " << query;
    } catch (const QueryError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("cannot parse query '" + query + "': ", 0), 0u) << what;
      EXPECT_NE(what.find(message), std::string::npos) << what;
    }
  }
  for (const std::string good : {"",
                                 "ceasefire",
                                 "\"world cup\" final",
                                 "(ceasefire OR truce) AND gaza",
                                 "a AND NOT b",
                                 "a OR NOT b",
                                 "NOT gaza",
                                 "-gaza -hamas",
                                 "a NEAR/3 b",
                                 "a ADJ b",
                                 "a XOR b",
                                 "title:\"world cup\"",
                                 "title:(world cup)",
                                 "title:",
                                 "id:",
                                 "id:world/a.txt",
                                 "year:2021",
                                 "date:2021..2021",
                                 "date:..2016",
                                 "date:2016..",
                                 "date:2021-05-01..2021-05-31",
                                 "Update: Biden",
                                 "10:30 talks",
                                 "mac* and or not",
                                 "-title:cup world",
                                 "grand canyon...",
                                 "...cash",
                                 "theft by.... ga.",
                                 "\"1..5\"",
                                 "U.S...",
                                 "..",
                                 "caf\u00e9 \u00e9lys\u00e9e"}) {
    EXPECT_NO_THROW(check_query_syntax(good)) << good;
  }
}

TEST(QuerySyntax, LongQueriesAreCutAndStayValid) {
  std::string words;
  while (words.size() < 3000) words += "ceasefire talks ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {words, "s"},
      {"\"" + words + "\"", "\""},                            // a phrase cut in the middle is closed
      {"(" + words + ")", ")"},                               // and brackets
      {"(\"" + words + "\" OR x)", "\")"},                    // both
      {std::string(kMaxQueryBytes - 3, 'a') + " OR b", "a"},  // a dangling operator is dropped
      {std::string(kMaxQueryBytes - 5, 'a') + " AND (b c)", "a"},
  };
  for (const auto& [query, end] : cases) {
    std::string q = query;
    EXPECT_TRUE(bound_query_length(q)) << query.substr(0, 40);
    EXPECT_LE(q.size(), kMaxQueryBytes + 3);
    EXPECT_EQ(q.substr(q.size() - end.size()), end) << q.substr(q.size() - 40);
    EXPECT_NO_THROW(check_query_syntax(q)) << q.substr(q.size() - 40);
  }
  std::string short_query = "ceasefire talks";
  EXPECT_FALSE(bound_query_length(short_query));
  SearchRequest r;
  r.query = words;
  EXPECT_NE(normalize(r).at(0).find("query cut to its first"), std::string::npos);
}

TEST(QuerySyntax, StrayDotsAreSpacesToXapian) {
  EXPECT_EQ(without_stray_dots("grand canyon..."), "grand canyon   ");
  EXPECT_EQ(without_stray_dots("...cash by.... ga."), "   cash by     ga.");
  EXPECT_EQ(without_stray_dots("U.S. date:2021..2022 \"a..b\""), "U.S. date:2021..2022 \"a..b\"");
}

TEST(QuerySyntax, WildcardWords) {
  const auto w = wildcard_words("mac* \"not* here\" title:Elect* -id:x* y* * year:2021");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].field, "");
  EXPECT_EQ(w[0].start, "mac");
  EXPECT_EQ(w[1].field, "title");
  EXPECT_EQ(w[1].start, "Elect");
  EXPECT_EQ(w[1].word, "title:Elect*");
  EXPECT_EQ(w[2].start, "y");
}

}  // namespace
}  // namespace newsdex
