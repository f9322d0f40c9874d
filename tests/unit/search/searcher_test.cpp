#include "search/searcher.hpp"

#include <xapian.h>

#include <set>

#include "index/index_writer.hpp"
#include "index/pipeline.hpp"
#include "search/batch.hpp"
#include "search/search_request.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

using test::TempDir;

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
  const Results narnia = search("place:Narnia");
  EXPECT_TRUE(narnia.hits.empty());
  // A name the archive has no entity for is shown as the reader wrote it.
  EXPECT_EQ(facet(narnia, "place"), (std::vector<std::string>{"Narnia=0"}));
  EXPECT_EQ(facet(search("", {{EntityType::place, "New Narnia"}}), "place"), (std::vector<std::string>{"New Narnia=0"}));
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
