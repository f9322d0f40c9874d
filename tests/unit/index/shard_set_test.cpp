// index/shard_set: the databases a newsdex database is made of, placing
// new articles in turn, and the steps run on every shard at once.
#include "index/shard_set.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "schema/schema.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

using testing::HasSubstr;
using testing::ThrowsMessage;

namespace fs = std::filesystem;
using test::TempDir;

TEST(ShardSet, OneShardIsAPlainXapianDatabase) {
  TempDir dir;
  const std::string path = dir / "n.db";
  {
    ShardSet set(path, 0);
    EXPECT_EQ(set.size(), 1u);
    EXPECT_TRUE(set.created());
    EXPECT_EQ(set[0].path, path);
    set.commit(false);
  }
  EXPECT_TRUE(fs::exists(fs::path(path) / schema::kGlassMarker));
  EXPECT_FALSE(fs::exists(fs::path(path) / schema::kStubFile));
  ShardSet again(path, 0);
  EXPECT_FALSE(again.created());
}

TEST(ShardSet, NShardsAreListedByTheStubAndKeptOnReopening) {
  TempDir dir;
  const std::string path = dir / "n.db";
  {
    ShardSet set(path, 3);
    ASSERT_EQ(set.size(), 3u);
    EXPECT_EQ(set[2].path, (fs::path(path) / schema::shard_folder(2)).string());
  }
  EXPECT_TRUE(fs::exists(fs::path(path) / schema::kStubFile));
  ShardSet kept(path, 0);  // 0: the existing count
  EXPECT_EQ(kept.size(), 3u);
  EXPECT_FALSE(kept.created());
}

TEST(ShardSet, RefusesAnotherShardCountNamingTheFlag) {
  TempDir dir;
  const std::string path = dir / "n.db";
  { ShardSet set(path, 2); }
  EXPECT_THAT([&] { ShardSet other(path, 3); },
              ThrowsMessage<DatabaseError>(HasSubstr("has 2 shards, not 3; index it with --shards 2")));
}

TEST(ShardSet, RefusesAFileAndAFolderOfOtherFiles) {
  TempDir dir;
  test::write_file(dir.path() / "file", "x");
  EXPECT_THROW(ShardSet(dir / "file", 1), DatabaseError);
  fs::create_directories(dir.path() / "articles");
  test::write_file(dir.path() / "articles" / "a.txt", "date 2021-05-21 text");
  EXPECT_THAT([&] { ShardSet set(dir / "articles", 1); }, ThrowsMessage<DatabaseError>(HasSubstr("not a database")));
  EXPECT_FALSE(fs::exists(dir.path() / "articles" / schema::kGlassMarker));
}

TEST(ShardSet, RefusesADatabaseLockedByAnotherWriter) {
  TempDir dir;
  const std::string path = dir / "n.db";
  ShardSet first(path, 1);
  EXPECT_THAT([&] { ShardSet second(path, 1); }, ThrowsMessage<DatabaseError>(HasSubstr("locked by another writer")));
}

TEST(ShardSet, NewArticlesGoToTheShardsInTurnAndResetForgetsUncommittedPlaces) {
  TempDir dir;
  ShardSet set(dir / "n.db", 3);
  std::vector<std::size_t> order;
  for (int i = 0; i < 7; ++i) order.push_back(set.next_shard());
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 0, 1, 2, 0}));
  set.reset_places();  // nothing was added: every shard's last id is 0 again
  EXPECT_EQ(set.next_shard(), 0u);
  EXPECT_EQ(set.next_shard(), 1u);
}

TEST(ShardSet, ForEachAtOnceRunsEveryShardAndRethrowsAfterAllFinished) {
  TempDir dir;
  ShardSet set(dir / "n.db", 4);
  std::atomic<int> ran{0};
  EXPECT_THROW(set.for_each_at_once([&](Shard&, std::size_t s) {
    ++ran;
    if (s == 2) throw std::runtime_error("shard 2 failed");
  }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 4);
}

TEST(ShardSet, CompactKeepsEveryDocumentAndItsId) {
  TempDir dir;
  const std::string path = dir / "n.db";
  {
    ShardSet set(path, 2);
    for (int i = 0; i < 10; ++i) {
      Xapian::Document doc;
      doc.add_boolean_term("Qa" + std::to_string(i));
      set[set.next_shard()].db.add_document(doc);
    }
    set.commit(false);
    set.compact();
  }
  EXPECT_FALSE(fs::exists(fs::path(path) / (schema::shard_folder(0) + ".compacting")));
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 10u);
  // Interleaved ids: the i-th article written is document i + 1.
  for (int i = 0; i < 10; ++i) {
    const auto it = db.postlist_begin("Qa" + std::to_string(i));
    ASSERT_NE(it, db.postlist_end("Qa" + std::to_string(i)));
    EXPECT_EQ(*it, static_cast<Xapian::docid>(i + 1));
  }
}

}  // namespace
}  // namespace newsdex
