#pragma once
// Writes articles into a Xapian database: add, replace or leave unchanged by
// unique id, remember which file each came from, commit in batches.
//   IndexWriter w("news.db", {});
//   w.write(article, {});  // -> WriteOutcome::added
//   w.commit();
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "article/article.hpp"
#include "entities/entity_extractor.hpp"
#include "schema/schema.hpp"

namespace newsdex {

struct WriterOptions {
  std::size_t commit_every = 10000;  // articles written between commits
  bool spelling = true;              // build spelling data for "did you mean"
  // All or nothing (--strict): no commit before commit() is called, and
  // discard() (or destroying the writer first) leaves the database exactly
  // as it was. commit_every is ignored.
  bool all_or_nothing = false;
  // The entity extractor's version ("" when there is none), part of each
  // article's content hash: indexing with another model, or with or without
  // --no-entities, rewrites every article instead of calling it unchanged.
  std::string entities_version;
};

enum class WriteOutcome { added, replaced, unchanged };

class IndexWriter {
 public:
  // Creates the database when missing. Throws DatabaseError when it is locked
  // by another writer, is not a newsdex database, or cannot be opened.
  IndexWriter(const std::string& path, WriterOptions options);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds or replaces by id; an article whose content hash is unchanged is not
  // rewritten, and `extractor` (none: no entities) runs only on articles that
  // are. Throws DatabaseError if Xapian rejects the document.
  WriteOutcome write(const Article& article, EntityExtractor* extractor);
  // The same with entities already known.
  WriteOutcome write(const Article& article, const std::vector<Entity>& entities);

  // The size/mtime recorded for a source file on a previous run.
  std::optional<schema::FileRecord> file_record(const std::string& canonical) const;
  // The id of an article already indexed from `canonical`, if any: a .txt
  // file keeps the id it was first indexed under, however it is named later.
  std::optional<std::string> indexed_id(const std::string& canonical) const;
  void record_file(const schema::FileRecord& record);
  // Records the extractor's place aliases for the query tool, when `version`
  // differs from the one recorded (see schema::alias_key).
  void record_place_aliases(const std::string& version,
                            const std::vector<std::pair<std::string, std::string>>& aliases);

  // Deletes the articles read from `canonical` whose ids are not in `keep`
  // (they were removed from a file that changed). Returns how many.
  std::size_t delete_vanished(const std::string& canonical, const std::unordered_set<std::string>& keep);
  // Deletes the articles of every recorded file that no longer exists, and
  // forgets the file. Returns how many articles.
  std::size_t prune_missing_files();

  // Makes everything written so far durable. Throws DatabaseError on failure.
  void commit();
  // All-or-nothing mode only: drops everything written since the writer was
  // opened; the database keeps its previous commit.
  void discard();
  std::uint64_t document_count() const;

 private:
  WriteOutcome write(const Article& article, const std::function<std::vector<Entity>()>& entities);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
