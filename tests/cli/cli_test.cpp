// End-to-end: run the built newsdex-index and newsdex-query on corpus/ and
// check what they print.
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
  const auto cup = query({"world cup"});
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

  const auto cup = ids(query({"world cup"}));
  const std::string spain = "sports/spain-womens-world-cup.txt";
  EXPECT_NE(std::find(cup.begin(), cup.end(), spain), cup.end());
  for (const auto& q : {"world cup NOT Sydney", "world cup -Sydney"}) {
    const auto without = ids(query({q}));
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
  for (const char* q : {"Federer", "notre dame", "gun law", "windows outage", "id:"}) {
    EXPECT_TRUE(query({q})["suggestion"].is_null()) << q;
  }
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
  auto r = run({test::kQueryBin, "--db", db(), "ceasefire date:2021-99-01..2021-12-31"});
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

}  // namespace
}  // namespace newsdex
