#pragma once
// Writes articles into a Xapian database: add, replace or leave unchanged by
// unique id, remember which file each came from, commit in batches.
//   IndexWriter w("news.db", {.threads = 2}, &extractor);
//   w.write(article);  // -> WriteOutcome::added (written in the background)
//   w.commit();        // everything written and durable
// Parallel: `threads` analysis threads extract entities and build documents
// while one writer thread per shard adds them; write() decides the outcome
// at once and returns. A database of N shards (--shards N) is a folder of N
// Xapian databases and a stub file that Xapian opens as one (schema.hpp).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "article/article.hpp"
#include "entities/aliases.hpp"
#include "entities/entity_extractor.hpp"
#include "index/id_set.hpp"
#include "schema/schema.hpp"

namespace newsdex {

struct WriterOptions {
  std::size_t commit_every = 10000;  // articles written between commits
  bool spelling = true;              // build spelling data for "did you mean"
  // All or nothing (--strict): no commit before commit() is called, and
  // discard() (or destroying the writer first) leaves the database exactly
  // as it was. commit_every is ignored.
  bool all_or_nothing = false;
  unsigned threads = 1;  // analysis threads (entity extraction, free text)
  // Shards of a new database (1: a plain Xapian database); 0 keeps an
  // existing database's count. Another count for an existing one is refused.
  unsigned shards = 0;
  // Rebuild (--rebuild): a database of an older schema is accepted, and
  // brought up to date as its articles are written again (see rebuild()).
  bool rebuild = false;
  // The user's curation (--aliases): names merged, kept apart or dropped.
  // Must outlive the writer. Articles whose names it changes since the last
  // run are resolved again at the final commit.
  const AliasTable* aliases = nullptr;
};

enum class WriteOutcome { added, replaced, unchanged };

class IndexWriter {
 public:
  // Creates the database when missing. Throws DatabaseError when it is locked
  // by another writer, is not a newsdex database, or cannot be opened.
  // `extractor` (none: no entities; it must outlive the writer) is cloned
  // for each analysis thread (used as it is, on one, when it has no clone()); its version is part of each article's
  // content hash, so that indexing with another model, or with or without
  // --no-entities, rewrites every article instead of calling it unchanged.
  IndexWriter(const std::string& path, WriterOptions options, EntityExtractor* extractor = nullptr);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds or replaces by id; an article whose content hash is unchanged is not
  // rewritten, and the extractor runs only on articles that are. The writing
  // happens in the background: a DatabaseError from it (Xapian rejected a
  // document) is thrown by a later write() or by commit().
  WriteOutcome write(const Article& article);
  // The same with entities already known (no extractor runs).
  WriteOutcome write(const Article& article, const std::vector<NamedEntity>& entities);

  // The size/mtime recorded for a source file on a previous run.
  std::optional<schema::FileRecord> file_record(const std::string& canonical) const;
  // The id of an article already indexed from `canonical`, if any: a .txt
  // file keeps the id it was first indexed under, however it is named later.
  std::optional<std::string> indexed_id(const std::string& canonical) const;
  void record_file(const schema::FileRecord& record);
  // Every article the database stores, as it was indexed (for --rebuild:
  // the source files may be gone). Calls `each` in document order until it
  // returns false; the pipeline writes them again while this runs.
  // `rebuilt`: a resumed rebuild wrote this one already (it is up to date;
  // the rebuild's progress is committed with each commit).
  void for_each_stored(const std::function<bool(Article&&, bool rebuilt)>& each);

  // Deletes the articles read from `canonical` whose ids are not in `keep`
  // (they were removed from a file that changed). Returns how many.
  std::size_t delete_vanished(const std::string& canonical, const IdSet& keep);
  // Deletes the articles of every recorded file that no longer exists, and
  // forgets the file. Returns how many articles.
  std::size_t prune_missing_files();

  // Makes everything written so far durable. Throws DatabaseError on failure.
  void commit();
  // All-or-nothing mode only: drops everything written since the writer was
  // opened; the database keeps its previous commit.
  void discard();
  std::uint64_t document_count() const;
  std::size_t shard_count() const;
  // Whether this writer created the database (or one of its shards).
  bool created() const;

  // After commit(): rewrites every shard with Xapian's compaction, in
  // parallel, and swaps it in. Blocks full instead of the half-empty ones
  // of a database built article by article: Reuters-21578 went from 145 to
  // 73 MB in 0.4 s. Closes the writer (nothing more can be written).
  // Throws DatabaseError; the database stays whole if it fails.
  void compact();

 private:
  WriteOutcome enqueue(const Article& article, const std::vector<NamedEntity>* entities);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
