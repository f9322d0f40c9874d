// Reliability, end to end: the built tools under signals, beside each other
// and on bad input. Everything here runs on data made in a TempDir.
#include "database_support.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::Child;
using test::committed_documents;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

// `n` small JSON Lines articles with ids a0, a1...
std::string articles_jsonl(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += json{{"id", "a" + std::to_string(i)},
                {"date", "2021-05-21"},
                {"title", "Item " + std::to_string(i)},
                {"body", "Ceasefire talks, round " + std::to_string(i % 97) + ", word" + std::to_string(i) + "."}}
               .dump() +
           "\n";
  }
  return out;
}

struct SignalCase {
  int signal;
  std::vector<std::string> extra;  // options
  int exit_code;
  std::string name;
  bool strict;
};

TEST(CliSignals, StopBetweenArticlesCommitWhatWasReadAndExit128PlusTheSignal) {
  constexpr std::size_t kArticles = 5000;
  const std::vector<SignalCase> cases = {
      {SIGINT, {}, 130, "SIGINT", false},
      {SIGTERM, {}, 143, "SIGTERM", false},
      {SIGINT, {"--strict"}, 130, "SIGINT", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name + (c.strict ? " --strict" : ""));
    TempDir tmp;
    const std::string db = tmp / "db", feed = tmp / "feed.jsonl";
    test::write_file(feed, articles_jsonl(kArticles));
    std::vector<std::string> args = {test::kIndexBin, "--db", db, "--json", "--commit-every", "100"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    args.push_back(feed);
    Child indexer(args);
    ASSERT_TRUE(indexer.started());
    // A point well inside the run: the first commits (under --strict there
    // are none, so: once the database exists, which is after the handlers).
    const bool reached = test::wait_until(indexer, [&] {
      return c.strict ? fs::exists(fs::path(db) / "iamglass") : committed_documents(db) >= 200;
    });
    ASSERT_TRUE(reached) << indexer.wait().err;
    indexer.signal(c.signal);
    const auto r = indexer.wait();
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_NE(r.err.find("newsdex-index: interrupted by " + c.name), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("run the same command again to finish"), std::string::npos) << r.err;
    const auto summary = json::parse(r.out);  // the summary is printed all the same
    EXPECT_EQ(summary["interrupted"], true);
    EXPECT_LT(summary["read"], kArticles) << "the run stopped early";
    // What the summary says is in the database is what its last commit holds.
    EXPECT_EQ(summary["documents"], committed_documents(db));
    if (c.strict) {
      EXPECT_EQ(committed_documents(db), 0u);
    } else {
      EXPECT_GE(committed_documents(db), 200u);
      EXPECT_EQ(summary["documents"], summary["read"]) << "every article read was committed";
    }

    // Running again finishes the job: nothing lost, nothing twice.
    const std::uint64_t before = committed_documents(db);
    const auto again = run({test::kIndexBin, "--db", db, "--json", feed});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const auto s = json::parse(again.out);
    EXPECT_EQ(s["interrupted"], false);
    EXPECT_EQ(s["added"], kArticles - before);
    EXPECT_EQ(s["unchanged"], before);
    EXPECT_EQ(test::ids_each_once(db).size(), kArticles);
  }
}

}  // namespace
}  // namespace newsdex
