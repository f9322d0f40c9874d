// newsdex-index's options -> IndexRequest, in-process: each flag lands in
// the field it names, and a run without input is a usage error.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include <functional>

#include "indexer/index_command.hpp"
#include "options_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

constexpr auto request_of = &test::request_of<IndexOptions>;  // the IndexRequest a command line describes

TEST(IndexOptions, DefaultsAreOneDatabaseSpellingAutoCompactionAndCommitsOf10000) {
  const IndexRequest r = request_of({"--db", "n.db", "corpus/", "more.jsonl"});
  EXPECT_EQ(r.database, "n.db");
  EXPECT_EQ(r.inputs, (std::vector<std::string>{"corpus/", "more.jsonl"}));
  EXPECT_EQ(r.writer.shards, 0u);  // a new database: one; an existing one keeps its count
  EXPECT_TRUE(r.writer.spelling);
  EXPECT_EQ(r.writer.commit_every, 10000u);
  EXPECT_GE(r.writer.threads, 1u);
  EXPECT_EQ(r.compact, IndexRequest::Compact::automatic);
  EXPECT_FALSE(r.prune || r.force || r.strict || r.rebuild);
  EXPECT_EQ(r.extractor, nullptr);  // run() loads the model
  EXPECT_EQ(r.stop, nullptr);       // run() adds the flag its signal handlers set
}

TEST(IndexOptions, EachFlagLandsInItsField) {
  struct Case {
    std::vector<std::string> args;
    std::function<bool(const IndexRequest&)> holds;
    std::string what;
  };
  const std::vector<Case> cases = {
      {{"--prune"}, [](auto& r) { return r.prune; }, "--prune"},
      {{"--force"}, [](auto& r) { return r.force; }, "--force"},
      {{"--strict"}, [](auto& r) { return r.strict; }, "--strict"},
      {{"--no-spelling"}, [](auto& r) { return !r.writer.spelling; }, "--no-spelling"},
      {{"--shards", "3"}, [](auto& r) { return r.writer.shards == 3; }, "--shards"},
      {{"--threads", "5"}, [](auto& r) { return r.writer.threads == 5; }, "--threads"},
      {{"--compact", "never"}, [](auto& r) { return r.compact == IndexRequest::Compact::never; }, "--compact never"},
      {{"--compact", "always"}, [](auto& r) { return r.compact == IndexRequest::Compact::always; }, "--compact always"},
      {{"--commit-every", "200"}, [](auto& r) { return r.writer.commit_every == 200; }, "--commit-every"},
      {{"--max-article-bytes", "1000"}, [](auto& r) { return r.limits.max_article_bytes == 1000; }, "--max-article-bytes"},
      {{"--aliases", "mine.tsv"}, [](auto& r) { return r.aliases_file == "mine.tsv"; }, "--aliases"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", "n.db"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("corpus/");
    EXPECT_TRUE(c.holds(request_of(args))) << c.what;
  }
  EXPECT_TRUE(request_of({"--db", "n.db", "--rebuild"}).rebuild);  // no PATH needed
}

TEST(IndexOptions, RefusalsBeforeAnythingIsOpened) {
  EXPECT_THROW(request_of({"--db", "n.db"}), UsageError);  // no PATH, no --rebuild
  EXPECT_THROW(request_of({"--db", "n.db", "--compact", "sometimes", "c/"}), CLI::ParseError);
  EXPECT_THROW(request_of({"--db", "n.db", "--shards", "0", "c/"}), CLI::ParseError);
  EXPECT_THROW(request_of({"--db", "n.db", "--commit-every", "0", "c/"}), CLI::ParseError);
  EXPECT_THROW(request_of({"corpus/"}), CLI::ParseError);  // --db is required
}

}  // namespace
}  // namespace newsdex
