// End-to-end: run the built newsdex-index and newsdex-query on corpus/ and
// check what they print.
#include <map>
#include <set>

#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

std::size_t corpus_articles() {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(test::kSourceDir / "corpus")) {
    if (e.path().extension() == ".txt") ++n;
  }
  return n;
}

// Index corpus/ once for the read-only tests.
class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto r = run({test::kIndexBin, "--db", db(), "--json", (test::kSourceDir / "corpus").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    summary_ = new json(json::parse(r.out));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete dir_;
  }
  static std::string db() { return (*dir_) / "corpus.db"; }

  static json query(std::vector<std::string> args) {
    args.insert(args.begin(), {test::kQueryBin, "--db", db(), "--json"});
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  static std::vector<std::string> ids(const json& results) {
    std::vector<std::string> out;
    for (const auto& h : results["hits"]) out.push_back(h["id"]);
    return out;
  }

  static TempDir* dir_;
  static json* summary_;
};
TempDir* Cli::dir_ = nullptr;
json* Cli::summary_ = nullptr;

TEST_F(Cli, IndexesTheWholeBundledCorpus) {
  const std::size_t n = corpus_articles();
  EXPECT_GE(n, 40u);
  EXPECT_EQ((*summary_)["added"], n);
  EXPECT_EQ((*summary_)["documents"], n);
  EXPECT_EQ((*summary_)["errors"], 0);
  EXPECT_EQ((*summary_)["warnings"], 0);
}

TEST_F(Cli, RanksTheObviouslyRelevantArticleFirst) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"black hole", "science/black-hole-first-image.txt"},
      {"tennis Grand Slam", "sports/federer-retirement.txt"},
      {"Macron", "politics/french-election-macron.txt"},
      {"fossil fuels", "climate/cop28-fossil-fuels-deal.txt"},
      {"Trump climate", "climate/us-paris-withdrawal.txt"},
      {"central bank rates", "business/ecb-rate-cut-draghi.txt"},
      {"pandemic", "health/who-declares-pandemic.txt"},
      {"Jezero crater", "science/perseverance-mars-landing.txt"},
      {"Cambridge Analytica", "tech/facebook-cambridge-analytica.txt"},
  };
  // Words that stand together as a phrase rank above scattered ones: the
  // Federer story has "Laver Cup" in its title and "world" in its body.
  const auto cup = query({"--all", "world cup"});
  ASSERT_EQ(cup["hits"].size(), 3u);
  EXPECT_EQ(cup["hits"][2]["id"], "sports/federer-retirement.txt");
  for (const auto& [q, want] : cases) {
    const auto r = query({q});
    ASSERT_FALSE(r["hits"].empty()) << q;
    EXPECT_EQ(r["hits"][0]["id"], want) << q;
    EXPECT_EQ(r["hits"][0]["rank"], 1) << q;
  }
}

// The code points [start, end) of a UTF-8 string.
std::string code_points(const std::string& s, std::size_t start, std::size_t end) {
  std::string out;
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++cp;
    if (cp > start && cp <= end) out += s[i];
  }
  return out;
}

TEST_F(Cli, SnippetsHighlightTheMatchedTerms) {
  const auto r = query({"ceasefire Minsk"});
  ASSERT_FALSE(r["hits"].empty());
  for (const auto& hit : r["hits"]) {
    const std::string snippet = hit["snippet"];
    ASSERT_FALSE(hit["highlights"].empty()) << snippet;
    for (const auto& h : hit["highlights"]) {
      std::string word = code_points(snippet, h["start"], h["end"]);
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      EXPECT_TRUE(word == "ceasefire" || word == "minsk") << word << " in " << snippet;
    }
  }
}

TEST_F(Cli, PhraseNotDateRangeAndSort) {
  EXPECT_EQ(ids(query({"\"interest rate decision\""})),
            std::vector<std::string>{"business/fed-rate-hike-inflation.txt"});
  EXPECT_GE(query({"interest rate decision"})["hits"].size(), 2u);

  const auto cup = ids(query({"--all", "world cup"}));
  const std::string spain = "sports/spain-womens-world-cup.txt";
  EXPECT_NE(std::find(cup.begin(), cup.end(), spain), cup.end());
  for (const auto& q : {"world cup NOT Sydney", "world cup -Sydney"}) {
    const auto without = ids(query({"--all", q}));
    EXPECT_EQ(without.size(), cup.size() - 1) << q;
    EXPECT_EQ(std::find(without.begin(), without.end(), spain), without.end()) << q;
  }

  auto in_2020_21 = ids(query({"ceasefire date:2020-01-01..2021-12-31"}));
  std::sort(in_2020_21.begin(), in_2020_21.end());
  EXPECT_EQ(in_2020_21,
            (std::vector<std::string>{"world/gaza-ceasefire-talks.txt", "world/nagorno-karabakh-ceasefire.txt"}));
  EXPECT_EQ(ids(query({"--since", "2021", "--until", "2021-12", "ceasefire"})),
            std::vector<std::string>{"world/gaza-ceasefire-talks.txt"});

  for (const std::string sort : {"date", "-date"}) {
    const auto r = query({"--sort", sort, "--limit", "20", "election"});
    ASSERT_GE(r["hits"].size(), 3u);
    for (std::size_t i = 1; i < r["hits"].size(); ++i) {
      const std::string a = r["hits"][i - 1]["date"], b = r["hits"][i]["date"];
      EXPECT_TRUE(sort == "date" ? a <= b : a >= b) << sort << ": " << a << " then " << b;
    }
  }
}

TEST_F(Cli, LimitOffsetAndTotals) {
  const auto all = query({"--limit", "100", "election"});
  const auto page = query({"--limit", "2", "--offset", "1", "election"});
  ASSERT_EQ(page["hits"].size(), 2u);
  EXPECT_EQ(page["hits"][0]["rank"], 2);
  EXPECT_EQ(page["hits"][0]["id"], all["hits"][1]["id"]);
  EXPECT_EQ(page["hits"][1]["id"], all["hits"][2]["id"]);
  EXPECT_EQ(page["total"]["estimate"], all["hits"].size());
  EXPECT_EQ(page["offset"], 1);
  EXPECT_EQ(page["limit"], 2);
  const auto capped = query({"--limit", "999999999", "election"});
  EXPECT_EQ(capped["limit"], 10000);
  EXPECT_EQ(capped["notes"][0], "limit capped at 10000");
}

TEST_F(Cli, SuggestsASpellingOnlyForMisspelledWords) {
  const auto r = query({"ceasfire"});
  EXPECT_TRUE(r["hits"].empty());
  EXPECT_EQ(r["suggestion"], "ceasefire");
  // Words the archive contains are not corrected to more frequent neighbours.
  for (const char* q : {"Federer", "notre dame", "gun law", "windows outage", "id:", "\u00a335bn", "G7 x2"}) {
    EXPECT_TRUE(query({q})["suggestion"].is_null()) << q;
  }
  // The whole query, names as the archive writes them, filters by the entities of their type.
  const std::pair<const char*, const char*> cases[] = {
      {"ceasfire talkz", "ceasefire talks"},
      {"jacinda arden", "Jacinda Ardern"},
      {"Antony Blinkin", "Antony Blinken"},
      {"person:\"Angela Merkle\"", "person:\"Angela Merkel\""},
      {"place:Islamabd floods", "place:Islamabad floods"},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(query({q})["suggestion"], want) << q;
}

TEST_F(Cli, JsonHitsHaveEveryField) {
  const auto r = query({"Ardern"});
  ASSERT_FALSE(r["hits"].empty());
  const auto& h = r["hits"][0];
  EXPECT_EQ(h["id"], "politics/new-zealand-gun-law.txt");
  for (const char* k : {"rank", "id", "title", "date", "score", "snippet", "highlights", "source", "url", "path"}) {
    EXPECT_TRUE(h.contains(k)) << k;
  }
  EXPECT_TRUE(h["source"].is_string());
  EXPECT_EQ(h["url"].get<std::string>().rfind("https://example.com/", 0), 0u);
  EXPECT_TRUE(fs::exists(h["path"].get<std::string>()));
  EXPECT_TRUE(r["facets"].is_object());
  EXPECT_TRUE(r["elapsed_ms"].is_number());
}

TEST_F(Cli, TextOutputWithoutATerminalHasNoEscapes) {
  const auto r = run({test::kQueryBin, "--db", db(), "Jezero crater"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(" 1. "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("*Jezero Crater*"), std::string::npos) << r.out;  // the phrase, highlighted as one
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
  const auto forced = run({test::kQueryBin, "--db", db(), "--color", "always", "Jezero crater"});
  EXPECT_NE(forced.out.find("\x1b[1mJezero Crater\x1b[0m"), std::string::npos) << forced.out;
}

TEST_F(Cli, BatchAnswersEveryLineInOrder) {
  TempDir tmp;
  const std::string lines =
      "ceasefire\n"
      "{\"id\":\"macron\",\"q\":\"Macron\",\"limit\":1}\n"
      "\"unbalanced\n"
      "{\"q\":\"election\",\"sort\":\"-date\",\"since\":\"2019\",\"limit\":3}\n"
      "{not json\n"
      "black hole\n";
  test::write_file(tmp / "queries.txt", lines);
  std::vector<json> one_thread;
  for (const std::string threads : {"1", "2"}) {
    const auto r = run({test::kQueryBin, "--db", db(), "--threads", threads, "--batch", tmp / "queries.txt"});
    EXPECT_EQ(r.exit_code, 1) << "one line has an error: " << r.err;
    auto out = test::json_lines(r.out);
    ASSERT_EQ(out.size(), 6u) << r.out;
    EXPECT_EQ(out[0]["id"], 1);
    EXPECT_EQ(out[1]["id"], "macron");
    EXPECT_EQ(out[1]["hits"].size(), 1u);
    EXPECT_EQ(out[1]["hits"][0]["id"], "politics/french-election-macron.txt");
    EXPECT_EQ(out[2]["id"], 3);
    EXPECT_FALSE(out[3].contains("error")) << out[3];
    EXPECT_LE(out[3]["hits"].size(), 3u);
    EXPECT_GE(out[3]["hits"][0]["date"].get<std::string>(), "2019");
    EXPECT_TRUE(out[4].contains("error"));
    EXPECT_EQ(out[4]["line"], 5);
    EXPECT_EQ(out[5]["hits"][0]["id"], "science/black-hole-first-image.txt");
    for (auto& o : out) o.erase("elapsed_ms");
    if (threads == "1")
      one_thread = out;
    else
      EXPECT_EQ(out, one_thread);
  }
  // Invalid UTF-8 in a query never breaks the output.
  const auto latin1 = run({test::kQueryBin, "--db", db(), "--batch", "-"}, "caf\xE9\n\"caf\xE9\n");
  const auto answers = test::json_lines(latin1.out);
  ASSERT_EQ(answers.size(), 2u) << latin1.err;
  EXPECT_EQ(answers[0]["query"], "caf\xEF\xBF\xBD");
  const auto single = run({test::kQueryBin, "--db", db(), "--json", "caf\xE9"});
  EXPECT_EQ(single.exit_code, 0) << single.err;
  EXPECT_EQ(json::parse(single.out)["query"], "caf\xEF\xBF\xBD");
  // Standard input works too.
  const auto r = run({test::kQueryBin, "--db", db(), "--batch", "-"}, "Macron\nMerkel\n");
  EXPECT_EQ(test::json_lines(r.out).size(), 2u);
}

TEST_F(Cli, ErrorsAreClearWithExitCodeTwo) {
  auto r = run({test::kQueryBin, "--db", db(), "--strict-syntax", "ceasefire date:2021-99-01..2021-12-31"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("newsdex-query: error: cannot parse query"), std::string::npos) << r.err;
  r = run({test::kQueryBin, "--db", (*dir_) / "missing.db", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such database"), std::string::npos) << r.err;
  r = run({test::kQueryBin, "--db", db(), "--sort", "sideways", "x"});
  EXPECT_EQ(r.exit_code, 2);
  r = run({test::kQueryBin, "--db", db(), "--since", "2021-02-30", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--since"), std::string::npos) << r.err;
  r = run({test::kQueryBin, "--db", db()});
  EXPECT_EQ(r.exit_code, 2);
  r = run({test::kIndexBin, "--db", (*dir_) / "x.db"});
  EXPECT_EQ(r.exit_code, 2);
}

// Re-indexing tests work on a private copy of the corpus.
class CliReindex : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(test::kSourceDir / "corpus", root_, fs::copy_options::recursive);
    n_ = corpus_articles();
  }
  json index(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {test::kIndexBin, "--db", tmp_ / "db", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(root_);
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  TempDir tmp_;
  std::string root_ = tmp_ / "corpus";
  std::size_t n_ = 0;
};

TEST_F(CliReindex, TwiceChangesNothing) {
  EXPECT_EQ(index()["added"], n_);
  const auto again = index();
  EXPECT_EQ(again["documents"], n_);
  EXPECT_EQ(again["unchanged"], n_);
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(again["replaced"], 0);
}

TEST_F(CliReindex, AnEditedFileIsTheOnlyOneReplaced) {
  index();
  const std::string file = root_ + "/science/black-hole-first-image.txt";
  test::write_file(file, test::read_file(file) + "\nAn added paragraph about quasars.\n");
  const auto s = index();
  EXPECT_EQ(s["replaced"], 1);
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["unchanged"], n_ - 1);
  EXPECT_EQ(s["documents"], n_);
  const auto r = run({test::kQueryBin, "--db", tmp_ / "db", "--json", "quasars"});
  EXPECT_EQ(json::parse(r.out)["hits"][0]["id"], "science/black-hole-first-image.txt");
}

TEST_F(CliReindex, AFileReindexedOnItsOwnKeepsItsId) {
  index();
  const std::string file = root_ + "/science/black-hole-first-image.txt";
  test::write_file(file, test::read_file(file) + "\nAn added paragraph about quasars.\n");
  const auto r = run({test::kIndexBin, "--db", tmp_ / "db", "--json", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto s = json::parse(r.out);
  EXPECT_EQ(s["replaced"], 1);
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["documents"], n_);
}

TEST_F(CliReindex, PruneRemovesDeletedArticles) {
  index();
  fs::remove(root_ + "/sports/federer-retirement.txt");
  EXPECT_EQ(index()["documents"], n_);  // kept without --prune
  const auto s = index({"--prune"});
  EXPECT_EQ(s["pruned"], 1);
  EXPECT_EQ(s["documents"], n_ - 1);
  const auto r = run({test::kQueryBin, "--db", tmp_ / "db", "--json", "Federer"});
  const json results = json::parse(r.out);  // a named object: a range-for over a temporary's member dangles
  for (const auto& h : results["hits"]) EXPECT_NE(h["id"], "sports/federer-retirement.txt");
}

TEST_F(CliReindex, BadFilesAreReportedSkippedAndExitOne) {
  test::write_file(root_ + "/world/empty.txt", "\n \n");
  test::write_file(root_ + "/feed.jsonl",
                   "{\"id\":\"ok\",\"date\":\"2020-01-01\",\"title\":\"Fine\",\"body\":\"b\"}\n{oops\n");
  const auto r = run({test::kIndexBin, "--db", tmp_ / "db", "--json", root_});
  EXPECT_EQ(r.exit_code, 1);
  const auto s = json::parse(r.out);
  EXPECT_EQ(s["added"], n_ + 1);
  EXPECT_EQ(s["skipped"], 2);
  EXPECT_NE(r.err.find(root_ + "/feed.jsonl:2: error: bad JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(root_ + "/world/empty.txt: error: no text to index"), std::string::npos) << r.err;
}

TEST_F(CliReindex, StrictCommitsNothingAndExitsTwo) {
  test::write_file(root_ + "/feed.jsonl", "{\"id\":\"ok\",\"date\":\"2020-01-01\",\"body\":\"b\"}\n{\"id\":\"x\"}\n");
  auto r = run({test::kIndexBin, "--db", tmp_ / "db", "--json", "--strict", root_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "") << "no summary: nothing was done";
  EXPECT_NE(r.err.find(root_ + "/feed.jsonl:2: error: no 'body' field"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("newsdex-index: error: --strict: 1 bad input"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was committed"), std::string::npos) << r.err;
  r = run({test::kQueryBin, "--db", tmp_ / "db", "--json", "--since", "1900"});
  EXPECT_EQ(json::parse(r.out)["total"]["estimate"], 0) << r.out;
  // Without --strict the same input is indexed but for the bad line.
  r = run({test::kIndexBin, "--db", tmp_ / "db", "--json", root_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(json::parse(r.out)["documents"], n_ + 1);
}

TEST(CliInput, VersionAndHelp) {
  for (const auto& bin : {test::kIndexBin, test::kQueryBin}) {
    auto r = run({bin, "--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(" 0."), std::string::npos) << r.out;
    r = run({bin, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("--db"), std::string::npos) << r.out;
  }
}

TEST(CliInput, JsonLinesFromStandardInput) {
  TempDir tmp;
  const auto r = run({test::kIndexBin, "--db", tmp / "db", "--json", "-"},
                     "{\"date\":\"2021-05-21\",\"title\":\"Stdin story\",\"body\":\"Piped in.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["added"], 1);
  const auto q = run({test::kQueryBin, "--db", tmp / "db", "--json", "piped"});
  EXPECT_EQ(json::parse(q.out)["hits"][0]["id"], "stdin:1");
}

TEST(CliInput, TheSeedSampleArticle) {
  NEWSDEX_REQUIRE_SHARED(data);
  const fs::path sample = data.parent_path() / "seeds" / "sample-article.txt";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " is absent";
  TempDir tmp;
  auto r = run({test::kIndexBin, "--db", tmp / "db", "--json", sample.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({test::kQueryBin, "--db", tmp / "db", "--json", "Blinken Ashkenazi"});
  const auto j = json::parse(r.out);
  ASSERT_EQ(j["hits"].size(), 1u);
  const auto& h = j["hits"][0];
  EXPECT_EQ(h["id"], "sample-article.txt");
  EXPECT_EQ(h["date"], "2021-05-21");
  EXPECT_EQ(h["title"].get<std::string>().rfind("As Israel-Palestine came into effect on May 21", 0), 0u);
  r = run({test::kQueryBin, "--db", tmp / "db", "--json", "\"Khalil al-Hayya\""});
  EXPECT_EQ(json::parse(r.out)["hits"].size(), 1u);
}

// --- Entity facets --------------------------------------------------------

std::vector<std::string> facet_values(const json& results, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& v : results["facets"][name]) out.push_back(v["value"]);
  return out;
}

TEST(CliFacets, TheSeedSampleArticleNamesItsPeoplePlacesAndOrganizations) {
  NEWSDEX_REQUIRE_SHARED(data);
  const fs::path sample = data.parent_path() / "seeds" / "sample-article.txt";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " is absent";
  TempDir tmp;
  ASSERT_EQ(run({test::kIndexBin, "--db", tmp / "db", sample.string()}).exit_code, 0);
  const auto r = run({test::kQueryBin, "--db", tmp / "db", "--json", "--facets", "100", "ceasefire"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = json::parse(r.out);
  const auto persons = facet_values(j, "person");
  EXPECT_EQ(std::set<std::string>(persons.begin(), persons.end()),
            (std::set<std::string>{"Antony Blinken", "Gabi Ashkenazi", "Khalil al-Hayya"}));
  // Exactly the facets the tools have always shown for it (issues #4 and #12).
  const auto places = facet_values(j, "place");
  EXPECT_EQ(std::set<std::string>(places.begin(), places.end()),
            (std::set<std::string>{"Egypt", "Gaza", "Gaza Strip", "Israel", "Middle East", "Palestine", "United States",
                                   "West Bank"}));
  const auto orgs = facet_values(j, "org");
  EXPECT_EQ(std::set<std::string>(orgs.begin(), orgs.end()),
            (std::set<std::string>{"AP", "Hamas", "Islamic Jihad", "State Department", "Twitter"}));
  // No dates, weekdays, captions, nationality words or titles among them.
  for (const auto* list : {&persons, &places, &orgs}) {
    for (const std::string& v : *list) {
      for (const std::string junk :
           {"May", "Friday", "IMAGE", "Image", "Israeli", "Israelis", "Palestinian", "Egyptian", "Middle Eastern",
            "Islamist", "FM", "Foreign Affairs", "Blinken", "Isreal", "US", "Secretary"}) {
        EXPECT_NE(v, junk);
      }
      EXPECT_EQ(v.find_first_of("0123456789"), std::string::npos) << v;
    }
  }
  // The hit carries the same entities; each value counts the one article.
  EXPECT_EQ(j["hits"][0]["entities"]["person"].size(), 3u);
  for (const auto& v : j["facets"]["place"]) EXPECT_EQ(v["count"], 1);
}

// Facet counts, made independently from every hit's stored entities, equal
// what the query tool counts; a drill-down keeps exactly the articles naming the value.
TEST_F(Cli, FacetCountsEqualCountsMadeFromTheStoredEntities) {
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"--since", "1900"}, {"the"}, {"election OR president OR minister"}, {"--until", "2019"}}) {
    std::vector<std::string> args = q;
    for (const std::string a : {"--limit", "10000", "--facets", "10000"}) args.push_back(a);
    const auto j = query(args);
    ASSERT_GT(j["hits"].size(), 0u);
    for (const std::string type : {"person", "place", "org"}) {
      std::map<std::string, std::size_t> counted;
      for (const auto& h : j["hits"]) {
        for (const auto& name : h["entities"][type]) ++counted[name.get<std::string>()];
      }
      std::map<std::string, std::size_t> faceted;
      for (const auto& v : j["facets"][type]) faceted[v["value"]] = v["count"];
      EXPECT_EQ(faceted, counted) << type << " for " << q[0];
      EXPECT_EQ(j["facet_totals"][type], counted.size());
    }
  }
  // The corpus names people, places and organizations.
  const auto all = query({"--since", "1900", "--facets", "5"});
  for (const std::string type : {"person", "place", "org"}) {
    ASSERT_EQ(all["facets"][type].size(), 5u) << type;
    EXPECT_GT(all["facet_totals"][type].get<std::size_t>(), 20u) << type;
  }
  // Drill down into the top value of each type: the hits are those naming it.
  for (const std::string type : {"person", "place", "org"}) {
    const std::string top = all["facets"][type][0]["value"];
    const std::size_t count = all["facets"][type][0]["count"];
    const auto via_option = query({"--" + type, top, "--limit", "10000"});
    EXPECT_EQ(via_option["hits"].size(), count) << top;
    for (const auto& h : via_option["hits"]) {
      const auto& names = h["entities"][type];
      EXPECT_NE(std::find(names.begin(), names.end(), top), names.end()) << h["id"];
    }
    const auto via_query = query({type + ":\"" + top + "\"", "--limit", "10000"});
    EXPECT_EQ(ids(via_query).size(), count);
    EXPECT_EQ(via_query["facets"][type][0]["value"], top);
    EXPECT_EQ(via_query["facets"][type][0]["count"], count);
  }
}

TEST_F(Cli, PlaceFiltersAcceptOtherNamesOfACountry) {
  const auto canonical = query({"place:\"United States\"", "--limit", "100"});
  ASSERT_GT(canonical["total"]["estimate"].get<std::size_t>(), 3u);
  for (const std::vector<std::string>& other : std::vector<std::vector<std::string>>{
           {"place:US"}, {"place:\"U.S.\""}, {"place:usa"}, {"--place", "United States of America"}}) {
    auto args = other;
    args.insert(args.end(), {"--limit", "100"});
    const auto j = query(args);
    EXPECT_EQ(ids(j), ids(canonical)) << other[0];
    EXPECT_EQ(j["facets"]["place"][0]["value"], "United States") << other[0];
  }
}

TEST_F(Cli, TextWrapsToColumnsBetweenWordsWithIndentedContinuations) {
  const auto r = run({"env", "COLUMNS=50", test::kQueryBin, "--db", db(), "--limit", "3", "ceasefire"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = test::split_lines(r.out);
  std::size_t continued = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    // Within the width, but for a line of one word too wide for any (a path).
    if (line.find(' ', line.find_first_not_of(' ')) != std::string::npos) {
      EXPECT_LE(test::columns(line), 50u) << line;
    }
    if (i > 0 && line.rfind("  ", 0) == 0 && !lines[i - 1].empty()) ++continued;
  }
  EXPECT_GT(continued, 5u) << r.out;
  // Facet lines wrap too, at an item: "Name count" stays whole.
  EXPECT_NE(r.out.find("\nPlaces ("), std::string::npos) << r.out;
  for (const auto& line : lines) {
    if (line.rfind("People", 0) == 0 || line.rfind("Places", 0) == 0) {
      EXPECT_LE(test::columns(line), 50u) << line;
    }
  }
  // Without COLUMNS, and not at a terminal: whole lines, as scripts read them.
  const auto whole = run({test::kQueryBin, "--db", db(), "--limit", "3", "ceasefire"});
  std::size_t longest = 0;
  for (const auto& line : test::split_lines(whole.out)) longest = std::max(longest, test::columns(line));
  EXPECT_GT(longest, 100u) << whole.out;
}

// Highlighted spans of a hit's field ("snippet" with "highlights", "title" with "title_highlights").
std::vector<std::string> highlighted(const json& hit, const char* text, const char* spans) {
  std::vector<std::string> out;
  const std::string t = hit[text];
  for (const auto& h : hit[spans]) {
    out.push_back(test::code_points(t, h["start"], h["end"]));  // offsets count code points
  }
  return out;
}

TEST_F(Cli, DrillDownRanksByProminenceWithTheSnippetAtAMention) {
  // The article with him in its headline and opening, named most, first.
  const auto r = query({"--limit", "5", "person:\"Donald Trump\""});
  ASSERT_GE(r["hits"].size(), 3u) << r;
  EXPECT_EQ(r["hits"][0]["id"], "climate/us-paris-withdrawal.txt");
  EXPECT_EQ(highlighted(r["hits"][0], "title", "title_highlights"), (std::vector<std::string>{"Donald Trump"}));
  for (const auto& hit : r["hits"]) {
    // Every snippet is around a mention of him, highlighted; scores fall with the rank.
    const auto spans = highlighted(hit, "snippet", "highlights");
    ASSERT_FALSE(spans.empty()) << hit;
    EXPECT_NE(spans[0].find("Trump"), std::string::npos) << hit;
    EXPECT_GT(hit["score"].get<double>(), 0.0);
  }
  for (std::size_t i = 1; i < r["hits"].size(); ++i) {
    EXPECT_GE(r["hits"][i - 1]["score"].get<double>(), r["hits"][i]["score"].get<double>());
  }
  // Stop words of a query are not highlighted, in the snippet or the title.
  const auto words = query({"--limit", "3", "the bank of england"});
  for (const auto& hit : words["hits"]) {
    for (const char* field : {"snippet", "title"}) {
      const auto spans = highlighted(hit, field, field == std::string("title") ? "title_highlights" : "highlights");
      for (const auto& s : spans) EXPECT_TRUE(s != "the" && s != "of" && s != "The") << s << " in " << hit;
    }
  }
}

TEST_F(Cli, ParseErrorsSayTheToolAndWhatToDo) {
  const auto dash = run({test::kQueryBin, "--db", db(), "-Blair"});
  EXPECT_EQ(dash.exit_code, 2);
  EXPECT_NE(dash.err.find("newsdex-query: error: the following argument was not expected: -Blair"), std::string::npos)
      << dash.err;
  EXPECT_NE(dash.err.find("newsdex-query: hint: "), std::string::npos) << dash.err;
  EXPECT_NE(dash.err.find("-- -Blair"), std::string::npos) << dash.err;
  const auto typo = run({test::kQueryBin, "--db", db(), "--lmit", "3", "Gaza"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean --limit?"), std::string::npos) << typo.err;
  const auto index = run({test::kIndexBin, "--db", (*dir_) / "x.db", "--shrads", "2", "corpus"});
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_NE(index.err.find("newsdex-index: error: "), std::string::npos) << index.err;
  EXPECT_NE(index.err.find("did you mean --shards?"), std::string::npos) << index.err;
  // After "--" a query may start with "-".
  const auto query_after = run({test::kQueryBin, "--db", db(), "--json", "--", "-Blair", "ceasefire"});
  EXPECT_EQ(query_after.exit_code, 0) << query_after.err;
}

TEST_F(Cli, FacetOptionsAndTextOutput) {
  const auto j = query({"--since", "1900", "--facets", "3", "--org-facets", "0", "--place-facets", "1"});
  EXPECT_EQ(j["facets"]["person"].size(), 3u);
  EXPECT_EQ(j["facets"]["place"].size(), 1u);
  EXPECT_FALSE(j["facets"].contains("org"));
  const auto r = run({test::kQueryBin, "--db", db(), "--facets", "2", "--since", "1900"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("People (top 2 of "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Places (top 2 of "), std::string::npos);
  EXPECT_NE(r.out.find("Organizations (top 2 of "), std::string::npos);
  // A batch line has its own filters and facets.
  const auto top_place = j["facets"]["place"][0]["value"].get<std::string>();
  const auto b = run({test::kQueryBin, "--db", db(), "--batch", "-"},
                     "{\"id\":\"p\",\"q\":\"\",\"place\":\"" + top_place +
                         "\",\"facets\":{\"place\":1,\"person\":0}}\n" + "place:\"" + top_place + "\"\n");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const auto lines = test::json_lines(b.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["facets"]["place"][0]["value"], top_place);
  EXPECT_FALSE(lines[0]["facets"].contains("person"));
  EXPECT_EQ(lines[0]["total"]["estimate"], lines[1]["total"]["estimate"]);
  EXPECT_EQ(lines[1]["facets"]["person"].size() > 0, true);
  // A filter-only line after a misspelt one has no suggestion of its own.
  const auto c =
      run({test::kQueryBin, "--db", db(), "--batch", "-"}, "ceasfire\n{\"q\":\"\",\"place\":\"" + top_place + "\"}\n");
  const auto two = test::json_lines(c.out);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0]["suggestion"], "ceasefire");
  EXPECT_TRUE(two[1]["suggestion"].is_null());
  // --place takes one name; the next word is the query.
  const auto narrowed = query({"--place", top_place, "ceasefire"});
  EXPECT_EQ(narrowed["query"], "ceasefire");
  EXPECT_LE(narrowed["total"]["estimate"].get<std::size_t>(), 3u);
}

TEST(CliFacets, WithoutEntitiesThereAreNoFacetsAndTurningThemOnRewritesEveryArticle) {
  TempDir tmp;
  const std::string corpus = (test::kSourceDir / "corpus").string();
  auto r = run({test::kIndexBin, "--db", tmp / "db", "--json", "--no-entities", corpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t n = json::parse(r.out)["added"];
  r = run({test::kQueryBin, "--db", tmp / "db", "--json", "--since", "1900"});
  auto j = json::parse(r.out);
  for (const std::string type : {"person", "place", "org"}) {
    EXPECT_TRUE(j["facets"][type].empty());
    EXPECT_TRUE(j["hits"][0]["entities"][type].empty());
  }
  r = run({test::kIndexBin, "--db", tmp / "db", "--json", "--force", corpus});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["replaced"], n);
  r = run({test::kQueryBin, "--db", tmp / "db", "--json", "--since", "1900"});
  j = json::parse(r.out);
  EXPECT_FALSE(j["facets"]["person"].empty());
  // A model that cannot be read is a usage error before anything is indexed.
  r = run({test::kIndexBin, "--db", tmp / "db2", "--model", tmp / "missing.model", corpus});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-entities"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "db2"));
}

}  // namespace
}  // namespace newsdex
