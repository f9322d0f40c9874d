#pragma once
// The archive's evidence on every name its articles give, and what each
// name resolves to (entities/resolution.hpp), kept in the database's
// metadata (schema.hpp: newsdex:ek:, newsdex:pol:, newsdex:short:,
// newsdex:ent:). Internal to the store layer. The IndexWriter's writer
// threads call add() for each article they write; at the end of a run
// settle() resolves again every article whose names now stand for
// something else, so the outcome is the same whatever order, and however
// many runs, the articles came in.
//   EntityLedger ledger(read, list, extractor.knowledge(), &user_aliases);
//   auto stored = ledger.add(article_entities, {});   // what to store with the article
//   ledger.flush(catalog);                            // at each commit
//   ledger.settle(shards, catalog);                   // at the end of the run
#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "entities/aliases.hpp"
#include "entities/resolution.hpp"

namespace newsdex {

class EntityLedger {
 public:
  // How the ledger reads the catalog (shard 0): one metadata value, and the
  // metadata keys that start with a prefix. The caller does the locking.
  using Read = std::function<std::string(const std::string& key)>;
  using List = std::function<std::vector<std::string>(const std::string& prefix)>;

  // `knowledge` (the extractor's) and `user` (--aliases, or none) must
  // outlive the ledger. With `user`, the names whose rows changed since the
  // table the database last applied are resolved again by settle().
  EntityLedger(Read read, List list, const AliasTable* knowledge, const AliasTable* user);
  ~EntityLedger();
  EntityLedger(const EntityLedger&) = delete;
  EntityLedger& operator=(const EntityLedger&) = delete;

  // An article about to be written: counts what it names (and uncounts what
  // its previous version named, `replaced`), and resolves each entity as the
  // evidence stands now. Thread-safe.
  std::vector<ArticleEntity> add(const std::vector<NamedEntity>& entities, const std::vector<ArticleEntity>& replaced);
  // An article deleted: uncounts what it named. Thread-safe.
  void remove(const std::vector<ArticleEntity>& named);

  // At a commit, while nothing else writes: the evidence into the catalog's
  // metadata, with a note of the names this run has yet to settle, so that
  // a run stopped before settle() is completed by the next one.
  void flush(Xapian::WritableDatabase& catalog);
  // At the end of a run, while nothing else writes: rewrites, in every
  // shard, each article whose entities now resolve differently, then
  // flushes. Returns how many articles were rewritten.
  std::size_t settle(const std::vector<Xapian::WritableDatabase*>& shards, Xapian::WritableDatabase& catalog);
  // Forgets this run's counts (an all-or-nothing run that was discarded).
  void discard();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
