#pragma once
// The Xapian databases one newsdex database is made of: a plain database,
// or N shards listed by a stub file (schema::kStubFile) that Xapian opens
// as one. Opens or creates them, places new articles, and runs the steps
// that touch every shard at once: commit, transactions, compaction.
//   ShardSet set("news.db", 2);  // new: news.db/XAPIANDB + shard-0, shard-1
//   set.for_each_at_once([&](Shard& s, std::size_t) { s.db.commit(); });
//   set.compact();               // rewritten compactly, swapped in
// Each Shard owns its lock: whoever touches a shard's database while other
// threads may (the pipeline's writer threads) holds `db_mutex`.
#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace newsdex {

struct Shard {
  std::string path;
  Xapian::WritableDatabase db;
  std::mutex db_mutex;      // the writer thread writes it, write() looks ids up in it
  Xapian::docid last = 0;   // its last document id, for placing new articles
};

class ShardSet {
 public:
  // Opens the shards of `path`, creating a database of `wanted` shards (0 or
  // 1: a plain one) when there is none. Throws DatabaseError when it is
  // locked, has another shard count than a nonzero `wanted`, or cannot be
  // opened or created (a file, a folder of other files).
  ShardSet(const std::string& path, unsigned wanted);
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;

  std::size_t size() const { return shards_.size(); }
  Shard& operator[](std::size_t s) { return *shards_[s]; }
  // The first shard: it keeps the database's metadata (the catalog).
  Shard& catalog() { return *shards_.front(); }
  // Whether opening created the database or one of its shards.
  bool created() const { return created_; }
  std::vector<Xapian::WritableDatabase*> databases();

  // The shard of a new article: in turn, so that the combined document ids
  // (Xapian interleaves shards: id = (shard id - 1) * N + shard + 1) follow
  // the order of writing, as in a single database.
  std::size_t next_shard();
  // Forgets the places handed out since the last commit (a cancelled run).
  void reset_places();

  // Runs `step(shard, its index)` on every shard at once (shards 1..N-1 on threads of their
  // own, shard 0 on this one) and rethrows the first shard's exception
  // once all have finished.
  void for_each_at_once(const std::function<void(Shard&, std::size_t)>& step);
  // Commits every shard at once (their open transactions when `transaction`).
  void commit(bool transaction);
  // Closes every shard, releasing the write lock; errors are ignored
  // (closing after a failure must not throw).
  void close() noexcept;

  // Rewrites every shard (as last committed) with Xapian's compaction, at
  // once, beside itself, and swaps it in; document ids kept (the shards' interleaving needs them).
  // Closes the shards. Throws DatabaseError; the database stays whole.
  void compact();

 private:
  std::vector<std::unique_ptr<Shard>> shards_;
  bool created_ = false;
};

}  // namespace newsdex
