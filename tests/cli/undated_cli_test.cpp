// End-to-end: an archive whose articles mostly have no date. The indexer
// says so once, not once per article; queries that filter or sort by date
// say how many matches have no date; "*" finds every article.
#include <algorithm>
#include <string>

#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::run;
using test::TempDir;

constexpr int kUndated = 12;

std::string archive() {
  std::string lines;
  for (int i = 1; i <= kUndated; ++i) {
    lines += json{{"id", "u" + std::to_string(i)},
                  {"title", "Harbour strike day " + std::to_string(i)},
                  {"body", "Dock workers at the harbour went on strike for the " + std::to_string(i) + " time."}}
                 .dump() +
             "\n";
  }
  lines += json{{"id", "d1"},
                {"title", "Harbour strike ends"},
                {"date", "2021-05-21"},
                {"body", "The harbour strike ended after talks."}}
               .dump() +
           "\n";
  return lines;
}

std::size_t count_lines(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class Undated : public ::testing::Test {
 protected:
  void SetUp() override { test::write_file(dir_ / "a.jsonl", archive()); }
  std::string db() const { return dir_ / "u.db"; }
  std::string file() const { return dir_ / "a.jsonl"; }
  json query(std::vector<std::string> args) const {
    args.insert(args.begin(), {test::kQueryBin, "--db", db(), "--json"});
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  static bool has_note(const json& results, const std::string& text) {
    for (const auto& n : results.value("notes", json::array())) {
      if (n.get<std::string>().find(text) != std::string::npos) return true;
    }
    return false;
  }
  TempDir dir_;
};

TEST_F(Undated, TheIndexerSaysItOnceWithACountAndByKindInTheSummary) {
  const auto r = run({test::kIndexBin, "--db", db(), "-q", "--json", file()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.err, "indexed without a date"), 3u) << r.err;
  EXPECT_NE(r.err.find("a.jsonl:1: warning: no 'date' field"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("warning: ... and " + std::to_string(kUndated - 3) +
                       " more articles without a date (--verbose prints each)"),
            std::string::npos)
      << r.err;
  const json summary = json::parse(r.out);
  EXPECT_EQ(summary["warnings"], kUndated);
  EXPECT_EQ(summary["warnings_by_kind"], (json{{"undated", kUndated}}));
  EXPECT_EQ(summary["added"], kUndated + 1);
}

TEST_F(Undated, VerbosePrintsEveryWarning) {
  const auto r = run({test::kIndexBin, "--db", db(), "-q", "--verbose", file()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.err, "indexed without a date"), static_cast<std::size_t>(kUndated)) << r.err;
  EXPECT_EQ(r.err.find("more articles without a date"), std::string::npos) << r.err;
}

TEST_F(Undated, DateFiltersAndSortsSayHowManyMatchesHaveNoDate) {
  ASSERT_EQ(run({test::kIndexBin, "--db", db(), "-q", file()}).exit_code, 0);
  const json since = query({"--since", "2020", "harbour strike"});
  EXPECT_EQ(since["total"]["estimate"], 1);
  EXPECT_TRUE(has_note(since, std::to_string(kUndated) + " matching articles have no date and are left out by "
                                                         "--since/--until"))
      << since["notes"];
  const json newest = query({"--sort", "-date", "harbour strike"});
  EXPECT_EQ(newest["hits"][0]["id"], "d1");
  EXPECT_TRUE(has_note(newest, std::to_string(kUndated) + " matching articles have no date; they come last"))
      << newest["notes"];
  const json oldest = query({"--sort", "date", "strike day"});
  EXPECT_TRUE(has_note(oldest, "no match has a date")) << oldest["notes"];
  // Relevance order over the same matches: nothing to say.
  EXPECT_FALSE(has_note(query({"harbour strike"}), "no date"));
}

TEST_F(Undated, AStarOrFiltersAloneMatchEveryArticle) {
  ASSERT_EQ(run({test::kIndexBin, "--db", db(), "-q", file()}).exit_code, 0);
  EXPECT_EQ(query({"*"})["total"]["estimate"], kUndated + 1);
  EXPECT_EQ(query({"--limit", "3", "*"})["hits"].size(), 3u);
  EXPECT_EQ(query({"--since", "2021"})["total"]["estimate"], 1);
  const json newest = query({"--sort", "-date", "*"});
  EXPECT_EQ(newest["hits"][0]["id"], "d1");
}

}  // namespace
}  // namespace newsdex
