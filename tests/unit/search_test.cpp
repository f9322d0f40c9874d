#include <xapian.h>

#include <set>

#include "index/index_writer.hpp"
#include "index/pipeline.hpp"
#include "search/batch.hpp"
#include "search/facets.hpp"
#include "search/query_syntax.hpp"
#include "search/search_request.hpp"
#include "search/searcher.hpp"
#include "search/snippet.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

using test::TempDir;

TEST(SearchRequest, SortNames) {
  EXPECT_EQ(parse_sort("relevance"), SortOrder::relevance);
  EXPECT_EQ(parse_sort("date"), SortOrder::oldest_first);
  EXPECT_EQ(parse_sort("-date"), SortOrder::newest_first);
  EXPECT_THROW(parse_sort("newest"), UsageError);
  for (auto s : {SortOrder::relevance, SortOrder::oldest_first, SortOrder::newest_first}) {
    EXPECT_EQ(parse_sort(sort_name(s)), s);
  }
}

TEST(SearchRequest, DateBounds) {
  EXPECT_EQ(parse_since("2021-05-01"), "20210501");
  EXPECT_EQ(parse_until("2021-05"), "20210531");
  EXPECT_EQ(parse_since("2021"), "20210101");
  EXPECT_THROW(parse_since("2021-02-30"), UsageError);
  EXPECT_THROW(parse_until("May 2021"), UsageError);
}

TEST(SearchRequest, NormalizeCapsAndChecks) {
  SearchRequest r;
  r.limit = 1u << 30;
  r.offset = 1u << 30;
  const auto notes = normalize(r);
  std::string note;
  for (const auto& n : notes) note += (note.empty() ? "" : "; ") + n;
  EXPECT_EQ(r.limit, kMaxLimit);
  EXPECT_EQ(r.offset, kMaxOffset);
  EXPECT_NE(note.find("limit capped"), std::string::npos);
  SearchRequest bad;
  bad.since = "20220101";
  bad.until = "20210101";
  EXPECT_THROW(normalize(bad), UsageError);
}

TEST(SearchRequest, BatchLines) {
  SearchRequest defaults;
  defaults.limit = 3;
  auto plain = parse_batch_line("ceasefire talks", 4, defaults);
  EXPECT_EQ(plain.id_json, "4");
  EXPECT_EQ(plain.request.query, "ceasefire talks");
  EXPECT_EQ(plain.request.limit, 3u);

  auto obj = parse_batch_line(
      R"({"id":"q7","q":"gaza","limit":5,"offset":2,"sort":"-date","since":"2020","until":"2021-06","any":true})", 1,
      defaults);
  EXPECT_EQ(obj.id_json, "\"q7\"");
  EXPECT_EQ(obj.request.query, "gaza");
  EXPECT_EQ(obj.request.limit, 5u);
  EXPECT_EQ(obj.request.offset, 2u);
  EXPECT_EQ(obj.request.sort, SortOrder::newest_first);
  EXPECT_EQ(obj.request.since, "20200101");
  EXPECT_EQ(obj.request.until, "20210630");
  EXPECT_EQ(obj.request.match, MatchMode::any);
  EXPECT_EQ(parse_batch_line(R"({"id":12,"q":"x"})", 1, defaults).id_json, "12");

  for (const std::string& bad : std::vector<std::string>{
           "", "   ", R"({"q":5})", R"({"id":"x"})", R"({"q":"x","limit":-1})", R"({"q":"x","sort":"up"})",
           R"({"q":"x","since":"soon"})", R"({"q":"x",)", R"({"q":"x","id":[1]})", R"({"q":"x","any":"yes"})",
           "{\"q\":" + std::string(100, '['), R"({"q":"x","limit":1e400})"}) {
    EXPECT_FALSE(parse_batch_line(bad, 1, defaults).error.empty()) << bad;
  }
  // A line with one bad field still names its id and query in the answer.
  const auto bad_sort = parse_batch_line(R"({"id":"a","q":"gaza","sort":"bad"})", 9, defaults);
  EXPECT_EQ(bad_sort.id_json, "\"a\"");
  EXPECT_EQ(bad_sort.request.query, "gaza");
  EXPECT_NE(bad_sort.error.find("sort"), std::string::npos);
  EXPECT_EQ(parse_batch_line(R"({"id":7})", 4, defaults).id_json, "7");
}

TEST(SearchRequest, BatchLinesWithEntityFiltersAndFacets) {
  const SearchRequest defaults;
  auto item = parse_batch_line(
      R"({"q":"ceasefire","person":"Antony Blinken","place":["Gaza","Egypt"],"org":[],"facets":{"person":3,"org":0}})",
      1, defaults);
  ASSERT_EQ(item.error, "");
  EXPECT_EQ(item.request.filters,
            (std::vector<Entity>{
                {EntityType::person, "Antony Blinken"}, {EntityType::place, "Gaza"}, {EntityType::place, "Egypt"}}));
  EXPECT_EQ(item.request.facets, (std::array<std::size_t, 3>{3, 10, 0}));
  EXPECT_EQ(parse_batch_line(R"({"q":"x","facets":5})", 1, defaults).request.facets,
            (std::array<std::size_t, 3>{5, 5, 5}));
  for (const std::string bad : {R"({"q":"x","person":5})", R"({"q":"x","place":[1]})", R"({"q":"x","facets":-1})",
                                R"({"q":"x","facets":{"people":3}})", R"({"q":"x","facets":"all"})"}) {
    EXPECT_FALSE(parse_batch_line(bad, 1, defaults).error.empty()) << bad;
  }
  SearchRequest empty_name;
  empty_name.filters = {{EntityType::org, "  "}};
  EXPECT_THROW(normalize(empty_name), UsageError);
}

TEST(FacetCounter, CountsKeysAndKeepsSelectedValues) {
  FacetCounter c;
  c.add(EntityType::place, "gaza\nwest bank");
  c.add(EntityType::place, "gaza\negypt", 2);  // a list named by two articles
  c.add(EntityType::place, "");
  c.add(EntityType::person, "khalil al-hayya");
  const Facet places = c.top(EntityType::place, 2, {});
  EXPECT_EQ(places.name, "place");
  EXPECT_EQ(places.total, 3u);
  ASSERT_EQ(places.values.size(), 2u);
  EXPECT_EQ(places.values[0].value, "gaza");
  EXPECT_EQ(places.values[0].count, 3u);
  EXPECT_EQ(places.values[1].value, "egypt");  // 2
  const Facet with_selected = c.top(EntityType::place, 1, {"west bank", "narnia"});
  ASSERT_EQ(with_selected.values.size(), 3u);
  EXPECT_EQ(with_selected.values[1].value, "west bank");
  EXPECT_EQ(with_selected.values[1].count, 1u);
  EXPECT_EQ(with_selected.values[2].value, "narnia");
  EXPECT_EQ(with_selected.values[2].count, 0u);
  EXPECT_EQ(c.top(EntityType::person, 10, {}).values[0].count, 1u);
  EXPECT_EQ(c.top(EntityType::org, 10, {}).total, 0u);
}

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

// A small archive indexed once for all Searcher tests.
class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const std::string root = (*dir_) / "news";
    test::write_file(root + "/gaza.txt",
                     "date 2021-05-21\ntitle Ceasefire holds in Gaza\n\nThe ceasefire between Israel and Hamas held "
                     "on Friday, Egypt said. Talks will follow in Cairo.");
    test::write_file(root + "/minsk.txt",
                     "date 2015-02-12 Leaders agreed on a ceasefire in eastern Ukraine after talks in Minsk.");
    test::write_file(root + "/fed.txt",
                     "date 2022-03-16 The Federal Reserve raised its interest rate. The interest rate decision was "
                     "approved by most members.");
    test::write_file(root + "/ecb.txt",
                     "date 2019-09-12 The European Central Bank cut rates. The decision on rates of interest "
                     "surprised markets.");
    test::write_file(root + "/cocoa.txt",
                     "date 1987-02-26\ntitle BAHIA COCOA REVIEW\n\nShowers continued "
                     "throughout the week in the Bahia cocoa zone.");
    CollectingDiagnostics diag;
    IndexRequest r;
    r.database = db();
    r.inputs = {root};
    index_corpus(r, diag, nullptr);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return (*dir_) / "db"; }

  static std::vector<std::string> ids(const std::string& query, SortOrder sort = SortOrder::relevance,
                                      const std::string& since = "", const std::string& until = "",
                                      MatchMode match = MatchMode::all) {
    Searcher s(db());
    SearchRequest r;
    r.query = query;
    r.match = match;
    r.sort = sort;
    r.since = since;
    r.until = until;
    std::vector<std::string> out;
    for (const auto& h : s.search(r).hits) out.push_back(h.id);
    return out;
  }
  static TempDir* dir_;
};
TempDir* SearcherTest::dir_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(SearcherTest, QuerySyntax) {
  EXPECT_EQ(ids("ceasefire")[0], "gaza.txt");  // title words weigh more
  EXPECT_EQ(ids("ceasefire").size(), 2u);
  EXPECT_EQ(ids("ceasefire -hamas"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("ceasefire NOT hamas"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("ceasefire minsk").size(), 1u);                  // --all: every word
  EXPECT_EQ(ids("\"interest rate decision\""), Ids{"fed.txt"});  // phrase
  EXPECT_EQ(ids("interest rate decision").size(), 2u);           // stems: rates -> rate
  EXPECT_EQ(ids("cocoa OR minsk").size(), 2u);
  EXPECT_EQ(ids("cairo* OR bahi*").size(), 2u);  // wildcards
  EXPECT_EQ(ids("title:review"), Ids{"cocoa.txt"});
  EXPECT_EQ(ids("cairo"), Ids{"gaza.txt"});
  EXPECT_EQ(ids("title:cairo"), Ids{});  // only in the body
  EXPECT_EQ(ids("id:fed.txt"), Ids{"fed.txt"});
  EXPECT_EQ(ids("year:2015"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("NOT ceasefire").size(), 3u);  // a pure NOT
  EXPECT_EQ(ids("-ceasefire").size(), 3u);     // the same, written as an exclusion
  EXPECT_EQ(ids("-ceasefire -cocoa").size(), 2u);
}

TEST_F(SearcherTest, DateRangesAndSorting) {
  EXPECT_EQ(ids("ceasefire date:2021..2021"), Ids{"gaza.txt"});
  EXPECT_EQ(ids("ceasefire date:2015-02..2015-02"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("ceasefire date:2016.."), Ids{"gaza.txt"});
  EXPECT_EQ(ids("ceasefire date:..2016"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("ceasefire date:2021-01-01..2021-12-31"), Ids{"gaza.txt"});
  EXPECT_EQ(ids("ceasefire date:2010-01-01..2016-01-01"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("ceasefire", SortOrder::relevance, "20200101"), Ids{"gaza.txt"});
  EXPECT_EQ(ids("ceasefire", SortOrder::relevance, "", "20200101"), Ids{"minsk.txt"});
  EXPECT_EQ(ids("", SortOrder::oldest_first, "19000101"),
            (Ids{"cocoa.txt", "minsk.txt", "ecb.txt", "gaza.txt", "fed.txt"}));
  EXPECT_EQ(ids("", SortOrder::newest_first, "", "20221231"),
            (Ids{"fed.txt", "gaza.txt", "ecb.txt", "minsk.txt", "cocoa.txt"}));
}

TEST_F(SearcherTest, HitsCarryStoredFieldsSnippetsAndRanks) {
  Searcher s(db());
  SearchRequest r;
  r.query = "talks";
  r.limit = 1;
  r.offset = 1;
  const Results res = s.search(r);
  EXPECT_EQ(res.total.estimate, 2u);
  ASSERT_EQ(res.hits.size(), 1u);
  const Hit& h = res.hits[0];
  EXPECT_EQ(h.rank, 2u);
  EXPECT_FALSE(h.title.empty());
  EXPECT_GT(h.score, 0);
  ASSERT_FALSE(h.highlights.empty());
  // The highlight points at a form of the query word in the snippet.
  std::size_t cp = 0, byte = 0;
  while (cp < h.highlights[0].start) {
    ++byte;
    while (byte < h.snippet.size() && (static_cast<unsigned char>(h.snippet[byte]) & 0xC0) == 0x80) ++byte;
    ++cp;
  }
  std::string word = h.snippet.substr(byte, h.highlights[0].end - h.highlights[0].start);
  word[0] = static_cast<char>(std::tolower(word[0]));
  EXPECT_EQ(word, "talks");
  EXPECT_EQ(h.path.front(), '/');
}

TEST_F(SearcherTest, SuggestsSpellingForEmptyResults) {
  Searcher s(db());
  SearchRequest r;
  r.query = "ceasfire";
  const Results res = s.search(r);
  EXPECT_TRUE(res.hits.empty());
  ASSERT_TRUE(res.suggestion);
  EXPECT_EQ(*res.suggestion, "ceasefire");
}

TEST_F(SearcherTest, ReportsBadQueriesAndDatabases) {
  Searcher s(db());
  SearchRequest r;
  r.strict_syntax = true;
  for (const std::string q :
       {"ceasefire date:2021-99-99..2022-01-01", "ceasefire date:2021-02-30..", "date:soon..later"}) {
    r.query = q;
    try {
      s.search(r);
      ADD_FAILURE() << "no error for " << q;
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find("YYYY-MM-DD"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(Searcher((*dir_) / "nope"), DatabaseError);
  test::write_file(dir_->path() / "notadb" / "x", "hello");
  EXPECT_THROW(Searcher((*dir_) / "notadb"), DatabaseError);
  {
    Xapian::WritableDatabase foreign((*dir_) / "foreign", Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
    Xapian::WritableDatabase future((*dir_) / "future", Xapian::DB_CREATE);
    future.set_metadata("newsdex:schema", "999");
  }
  EXPECT_THROW(Searcher((*dir_) / "foreign"), DatabaseError);
  EXPECT_THROW(Searcher((*dir_) / "future"), DatabaseError);
}

TEST(SearcherLimits, AWildcardThatMatchesTooManyWordsIsCutWithANote) {
  TempDir dir;
  {
    IndexWriter w(dir / "db", {});
    Article a;
    a.id = "many";
    for (int i = 0; i < 1500; ++i) a.body += "wx" + std::to_string(i) + " ";
    a.title = "Many words";
    w.write(a, {});
    w.commit();
  }
  Searcher s(dir / "db");
  SearchRequest r;
  r.query = "wx1*";  // wx1, wx10..wx19, wx100..wx199, wx1000..wx1499: 611 words
  EXPECT_TRUE(s.search(r).notes.empty());
  r.query = "wx*";
  const Results all = s.search(r);
  EXPECT_EQ(all.total.estimate, 1u);
  ASSERT_EQ(all.notes.size(), 1u);
  EXPECT_EQ(all.notes[0], "wildcard 'wx*' matches more than 1000 words; only the 1000 most frequent were searched");
  r.limit = 1u << 30;
  r.query = "title:ma* wx*";
  const Results capped = s.search(r);
  ASSERT_EQ(capped.notes.size(), 2u);
  EXPECT_EQ(capped.notes[0], "limit capped at 10000");
}

TEST(SearcherConcurrency, ReopensWhenAnIndexerCommitsUnderneath) {
  TempDir dir;
  const std::string db = dir / "db";
  auto write_round = [&](int round) {
    IndexWriter w(db, {});
    for (int i = 0; i < 50; ++i) {
      Article a;
      a.id = "a" + std::to_string(i);
      a.title = "Round " + std::to_string(round);
      a.body = "ceasefire talks round" + std::to_string(round) + " item " + std::to_string(i);
      w.write(a, {});
    }
    w.commit();
  };
  write_round(0);
  Searcher s(db);
  SearchRequest r;
  r.query = "ceasefire";
  r.limit = 100;
  EXPECT_EQ(s.search(r).hits.size(), 50u);
  // Several commits replace every document; the searcher answers from the
  // latest one (reopening, and retrying if its revision vanished mid-read).
  for (int round = 1; round <= 4; ++round) write_round(round);
  const Results after = s.search(r);
  ASSERT_EQ(after.hits.size(), 50u);
  for (const auto& h : after.hits) EXPECT_EQ(h.title, "Round 4");  // never a mix of revisions
}

TEST_F(SearcherTest, BatchAnswersInOrderWithErrorsInline) {
  const std::vector<std::string> lines = {"ceasefire", R"({"id":"x","q":"cocoa","limit":1})", "", "minsk"};
  for (unsigned threads : {1u, 2u}) {
    std::vector<BatchAnswer> answers;
    run_batch({{db()}, {}}, lines, {}, threads, [&](const BatchAnswer& a) { answers.push_back(a); });
    ASSERT_EQ(answers.size(), 4u);
    EXPECT_EQ(answers[0].id_json, "1");
    EXPECT_EQ(answers[0].results->hits.size(), 2u);
    EXPECT_EQ(answers[1].id_json, "\"x\"");
    EXPECT_EQ(answers[1].results->hits.at(0).id, "cocoa.txt");
    EXPECT_FALSE(answers[2].results);
    EXPECT_EQ(answers[2].error, "empty query");
    EXPECT_EQ(answers[3].line, 4u);
  }
}

// Articles with known entities (as an extractor would give them), for facets and drill-down.
class FacetSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    IndexWriter w((*dir_) / "db", {});
    using enum MentionType;
    struct Doc {
      std::string id, body;
      std::vector<NamedEntity> entities;
    };
    const std::vector<Doc> docs{
        {"a", "ceasefire talks", {{person, "Antony Blinken"}, {place, "Gaza"}, {place, "Egypt"}, {org, "Hamas"}}},
        {"b", "ceasefire holds", {{person, "Antony Blinken"}, {person, "Gabi Ashkenazi"}, {place, "Gaza"}}},
        {"c", "ceasefire ends", {{place, "Gaza"}, {org, "Hamas"}, {org, "Islamic Jihad"}}},
        {"d", "ceasefire in Ukraine", {{place, "Ukraine"}, {place, "Belarus"}}},
        {"e",
         "election results",
         {{person, "Antony Blinken"}, {person, "BLINKEN"}, {place, "United States"}, {place, "Gaza City"}}},
        {"f", "ceasefire monitors", {}},
        {"g", "summit in Reykjavik", {{person, "Reagan"}, {org, "EC"}}},  // short forms only
        {"h", "summit plans", {{person, "Ronald Reagan"}, {org, "European Community"}}},
        {"i", "summit again", {{person, "Ronald Reagan"}, {org, "European Community"}}},
    };
    for (const auto& d : docs) {
      Article a;
      a.id = d.id;
      a.title = d.body;
      a.body = d.body + ".";
      a.date = "2021-05-2" + std::to_string(&d - docs.data());
      w.write(a, d.entities);
    }
    w.commit();
  }
  static void TearDownTestSuite() { delete dir_; }

  static Results search(const std::string& query, std::vector<Entity> filters = {}, std::size_t facets = 10) {
    Searcher s((*dir_) / "db");
    SearchRequest r;
    r.query = query;
    r.filters = std::move(filters);
    r.facets.fill(facets);
    r.limit = 2;
    return s.search(r);
  }
  static std::vector<std::string> facet(const Results& r, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& f : r.facets) {
      if (f.name != name) continue;
      for (const auto& v : f.values) out.push_back(v.value + "=" + std::to_string(v.count));
    }
    return out;
  }
  static std::set<std::string> ids(const Results& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.id);
    return out;
  }
  static TempDir* dir_;
};
TempDir* FacetSearchTest::dir_ = nullptr;

TEST_F(FacetSearchTest, CountsCoverEveryMatchNotOnlyThoseShown) {
  const Results r = search("ceasefire");
  // Facet values are shown by their names, not their keys.
  EXPECT_EQ(r.hits.size(), 2u);  // --limit 2, but five matches are counted
  EXPECT_EQ(facet(r, "place"), (std::vector<std::string>{"Gaza=3", "Belarus=1", "Egypt=1", "Ukraine=1"}));
  EXPECT_EQ(facet(r, "person"), (std::vector<std::string>{"Antony Blinken=2", "Gabi Ashkenazi=1"}));
  EXPECT_EQ(facet(r, "org"), (std::vector<std::string>{"Hamas=2", "Islamic Jihad=1"}));
  ASSERT_EQ(r.facets.size(), 3u);
  EXPECT_EQ(r.facets[1].total, 4u);
  const Results top1 = search("ceasefire", {}, 1);
  EXPECT_EQ(facet(top1, "place"), (std::vector<std::string>{"Gaza=3"}));
  EXPECT_EQ(top1.facets[1].total, 4u);  // "top 1 of 4"
  EXPECT_TRUE(search("ceasefire", {}, 0).facets.empty());
}

TEST_F(FacetSearchTest, DrillDownInTheQueryStringIgnoresCaseAndCombines) {
  // --limit 2: the two where he is most prominent (named twice in e; in b,
  // the shorter of the two that name him once).
  EXPECT_EQ(ids(search(R"(person:"antony BLINKEN")")), (std::set<std::string>{"b", "e"}));
  EXPECT_EQ(search(R"(person:"Antony Blinken")").total.estimate, 3u);
  EXPECT_EQ(ids(search(R"(ceasefire person:"Antony Blinken" org:Hamas)")), (std::set<std::string>{"a"}));
  EXPECT_EQ(ids(search(R"(place:Gaza place:Egypt)")), (std::set<std::string>{"a"}));  // both, not either
  EXPECT_EQ(ids(search(R"(place:"United States")")), (std::set<std::string>{"e"}));
  EXPECT_EQ(search(R"(ceasefire -org:Hamas)").total.estimate, 3u);  // b, d, f
  EXPECT_TRUE(search("place:Narnia").hits.empty());
  // The drill-down narrows the counts too.
  const Results r = search(R"(ceasefire org:Hamas)");
  EXPECT_EQ(facet(r, "place"), (std::vector<std::string>{"Gaza=2", "Egypt=1"}));
  EXPECT_EQ(facet(r, "person"), (std::vector<std::string>{"Antony Blinken=1"}));
}

TEST_F(FacetSearchTest, DrillDownOptionsAndSelectedValuesAlwaysShown) {
  using enum EntityType;
  EXPECT_EQ(ids(search("", {{person, "antony blinken"}, {place, "gaza"}})), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(ids(search("ceasefire", {{org, " Islamic Jihad "}})), (std::set<std::string>{"c"}));
  // Islamic Jihad is outside the top 1 of orgs (Hamas wins the tie by name),
  // but selected: it is shown with its count.
  const Results r = search("ceasefire", {{org, "islamic jihad"}}, 1);
  EXPECT_EQ(facet(r, "org"), (std::vector<std::string>{"Hamas=1", "Islamic Jihad=1"}));
  const Results q = search("ceasefire place:belarus", {}, 1);
  EXPECT_EQ(facet(q, "place"), (std::vector<std::string>{"Belarus=1"}));
  const Results none = search("election", {{place, "Gaza"}}, 1);
  EXPECT_EQ(facet(none, "place"), (std::vector<std::string>{"Gaza=0"}));
}

TEST_F(FacetSearchTest, FiltersByAShortFormMeanItsFullName) {
  using enum EntityType;
  EXPECT_EQ(search("person:Reagan").total.estimate, 3u);
  EXPECT_EQ(search("org:ec").total.estimate, 3u);
  const Results r = search("summit", {{person, "reagan"}});
  EXPECT_EQ(r.total.estimate, 3u);
  EXPECT_EQ(facet(r, "person"), (std::vector<std::string>{"Ronald Reagan=3"}));
  EXPECT_EQ(facet(r, "org"), (std::vector<std::string>{"European Community=3"}));
  EXPECT_EQ(search("person:Nobody").total.estimate, 0u);
}

TEST_F(FacetSearchTest, TheArchivesEntitiesForAutocomplete) {
  Searcher s((*dir_) / "db");
  const EntityListing all = s.entities(EntityType::place, "", 3);
  EXPECT_EQ(all.type, "place");
  EXPECT_EQ(all.total, 6u);  // Gaza, Egypt, Ukraine, Belarus, United States, Gaza City
  ASSERT_EQ(all.entities.size(), 3u);
  EXPECT_EQ(all.entities[0].name, "Gaza");
  EXPECT_EQ(all.entities[0].count, 3u);
  // By the start of the name or of any of its words, any case.
  const EntityListing ga = s.entities(EntityType::place, "ga", 10);
  ASSERT_EQ(ga.total, 2u);
  EXPECT_EQ(ga.entities[0].name, "Gaza");
  EXPECT_EQ(ga.entities[1].name, "Gaza City");
  EXPECT_EQ(s.entities(EntityType::place, "city", 10).total, 1u);
  EXPECT_EQ(s.entities(EntityType::place, "STATES", 10).entities.at(0).name, "United States");
  EXPECT_EQ(s.entities(EntityType::place, "narnia", 10).total, 0u);
  // Other names articles wrote it in are its aliases.
  const EntityListing blinken = s.entities(EntityType::person, "blinken", 10);
  ASSERT_EQ(blinken.total, 1u);
  EXPECT_EQ(blinken.entities[0].name, "Antony Blinken");
  EXPECT_EQ(blinken.entities[0].count, 3u);
  EXPECT_EQ(blinken.entities[0].aliases, (std::vector<std::string>{"BLINKEN"}));
  const EntityListing reagan = s.entities(EntityType::person, "reagan", 10);
  ASSERT_EQ(reagan.total, 1u);
  EXPECT_EQ(reagan.entities[0].aliases, (std::vector<std::string>{"Reagan"}));
}

TEST_F(FacetSearchTest, HitsCarryTheirEntities) {
  const Results r = search("id:b");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].persons, (std::vector<std::string>{"Antony Blinken", "Gabi Ashkenazi"}));
  EXPECT_EQ(r.hits[0].places, (std::vector<std::string>{"Gaza"}));
  EXPECT_TRUE(r.hits[0].orgs.empty());
}

// The default: the articles with every word first, then the best with some.
TEST_F(SearcherTest, DefaultAddsTheBestPartialMatchesAfterThoseWithEveryWord) {
  Searcher s(db());
  SearchRequest r;
  r.query = "ceasefire minsk";
  Results res = s.search(r);
  ASSERT_EQ(res.hits.size(), 2u);
  EXPECT_EQ(res.hits[0].id, "minsk.txt");
  EXPECT_FALSE(res.hits[0].partial);
  EXPECT_EQ(res.hits[1].id, "gaza.txt");
  EXPECT_TRUE(res.hits[1].partial);
  EXPECT_EQ(res.hits[1].rank, 2u);
  EXPECT_EQ(res.total.estimate, 1u);  // the articles with every word
  ASSERT_TRUE(res.partial_matches.has_value());
  EXPECT_EQ(*res.partial_matches, 1u);
  ASSERT_FALSE(res.notes.empty());
  EXPECT_NE(res.notes.back().find("1 article has every word"), std::string::npos) << res.notes.back();

  // Paging runs on through the partial matches.
  r.offset = 1;
  r.limit = 1;
  res = s.search(r);
  ASSERT_EQ(res.hits.size(), 1u);
  EXPECT_EQ(res.hits[0].id, "gaza.txt");
  EXPECT_EQ(res.hits[0].rank, 2u);

  // No article has every word: the best partial matches, said so.
  r = SearchRequest();
  r.query = "cocoa minsk federal";
  res = s.search(r);
  EXPECT_EQ(res.hits.size(), 3u);
  EXPECT_EQ(res.total.estimate, 0u);
  ASSERT_FALSE(res.notes.empty());
  EXPECT_NE(res.notes.back().find("no article has every word"), std::string::npos) << res.notes.back();

  // --all and --any do as they say; one word or explicit operators add nothing.
  r.match = MatchMode::all;
  EXPECT_TRUE(s.search(r).hits.empty());
  r.match = MatchMode::any;
  EXPECT_EQ(s.search(r).hits.size(), 3u);
  EXPECT_FALSE(s.search(r).partial_matches.has_value());
  r = SearchRequest();
  for (const char* q : {"cocoa", "cocoa AND minsk", "\"cocoa minsk\""}) {
    r.query = q;
    EXPECT_FALSE(s.search(r).partial_matches.has_value()) << q;
  }
}

// Names match exactly and other words by their stem, however typed; a
// possessive is the name too, in words and phrases (issue #13).
TEST(SearcherWords, NamesStemsAndPossessivesAsTheArchiveWritesThem) {
  TempDir dir;
  {
    IndexWriter w(dir / "db", {});
    const std::pair<const char*, const char*> articles[] = {
        {"blair-1", "Tony Blair's government fell on Monday. Officials said the cabinet met."},
        {"blair-2", "Later, Tony Blair spoke to reporters. Blair said little."},
        {"blair-3", "Voters heard from Tony Blair\u2019s aides, then from Mr Jones' lawyers."},
        {"federer", "In London, Roger Federer won again. Federer was pleased."},
        {"federal", "The federated unions and the federal courts agreed."},
        {"oil", "Oil prices rose. Traders said oil price moves were sharp."},
    };
    for (const auto& [id, body] : articles) {
      Article a;
      a.id = id;
      a.title = id;
      a.body = body;
      w.write(a, {});
    }
    w.commit();
  }
  Searcher s(dir / "db");
  const auto ids = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.match = MatchMode::all;
    std::set<std::string> out;
    for (const auto& h : s.search(r).hits) out.insert(h.id);
    return out;
  };
  using Set = std::set<std::string>;
  const Set blair{"blair-1", "blair-2", "blair-3"};
  const std::pair<const char*, Set> cases[] = {
      {"\"Tony Blair\"", blair},  // the phrase, possessive or not
      {"Blair", blair},
      {"blair", blair},
      {"BLAIR", blair},
      {"Blair's", blair},
      {"\"tony blair's\"", Set{"blair-1", "blair-3"}},  // a phrase is as written
      {"Jones", Set{"blair-3"}},
      {"federer", Set{"federer"}},  // a name: not "federal" by the stem
      {"Federer", Set{"federer"}},
      {"OIL PRICES", Set{"oil"}},
      {"oil prices", Set{"oil"}},
      {"Oil Price", Set{"oil"}},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(ids(q), want) << q;

  // The snippet highlights the word as written.
  SearchRequest r;
  r.query = "\"Tony Blair\"";
  r.match = MatchMode::all;
  for (const Hit& h : s.search(r).hits) {
    if (h.id != "blair-1") continue;
    ASSERT_FALSE(h.highlights.empty());
    const auto& hl = h.highlights.front();  // ASCII text: code points are bytes
    const std::string marked = h.snippet.substr(hl.start, hl.end - hl.start);
    EXPECT_EQ(marked, "Tony Blair's") << h.snippet;
  }
}

}  // namespace
}  // namespace newsdex
