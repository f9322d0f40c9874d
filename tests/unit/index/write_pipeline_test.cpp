// index/write_pipeline: jobs analysed on any worker, written per shard in
// the order they were pushed; the first error comes back from drain().
#include "index/write_pipeline.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>

#include "util/errors.hpp"

namespace newsdex {
namespace {

using testing::HasSubstr;
using testing::ThrowsMessage;

std::shared_ptr<Job> job(const std::string& id, std::size_t shard, const std::string& body = "Some words here.") {
  auto j = std::make_shared<Job>();
  j->article.id = id;
  j->article.title = "Title " + id;
  j->article.body = body;
  j->hash = "hash-" + id;
  j->shard = shard;
  j->entities_given = true;
  return j;
}

TEST(WritePipeline, EachShardWritesItsJobsInPushOrderOnceAnalysed) {
  std::mutex m;
  std::map<std::size_t, std::vector<std::string>> written;
  WritePipeline p(3, nullptr, false, 2, [&](Job& j) {
    EXPECT_TRUE(j.ready);
    EXPECT_GT(j.doc.termlist_count(), 0u) << "written before it was analysed";
    const std::lock_guard lock(m);
    written[j.shard].push_back(j.article.id);
  });
  std::vector<std::string> expected0;
  std::vector<std::string> expected1;
  for (int i = 0; i < 200; ++i) {
    const std::string id = "a" + std::to_string(i);
    p.push(job(id, static_cast<std::size_t>(i % 2)));
    (i % 2 == 0 ? expected0 : expected1).push_back(id);
  }
  p.drain();
  EXPECT_EQ(written[0], expected0);
  EXPECT_EQ(written[1], expected1);
}

TEST(WritePipeline, AXapianErrorBecomesADatabaseErrorNamingTheArticleOnce) {
  WritePipeline p(2, nullptr, false, 1, [](Job& j) {
    if (j.article.id == "bad") throw Xapian::DatabaseError("Error writing block 7 (No space left on device)");
  });
  p.push(job("good", 0));
  p.push(job("bad", 0));
  p.push(job("after", 0));
  EXPECT_THAT([&] { p.drain(); }, ThrowsMessage<DatabaseError>(HasSubstr("cannot write article 'bad'")));
  EXPECT_NO_THROW(p.drain());  // reported once
}

TEST(WritePipeline, WorkersGatherSpellingWordsUntilTaken) {
  WritePipeline p(2, nullptr, true, 1, [](Job&) {});
  p.push(job("a", 0, "Ceasefire talks in Minsk."));
  p.push(job("b", 0, "The ceasefire held."));
  p.drain();
  SpellingCounts words;
  p.take_spelling(words);
  EXPECT_GE(words["ceasefire"], 2u);
  SpellingCounts again;
  p.take_spelling(again);
  EXPECT_TRUE(again.empty());
}

TEST(WritePipeline, StopFinishesWhatWasQueued) {
  std::atomic<int> n{0};
  {
    WritePipeline p(2, nullptr, false, 2, [&](Job&) { ++n; });
    for (int i = 0; i < 50; ++i) p.push(job("a" + std::to_string(i), static_cast<std::size_t>(i % 2)));
    p.stop();
    p.stop();  // idempotent
  }
  EXPECT_EQ(n.load(), 50);
}

}  // namespace
}  // namespace newsdex
