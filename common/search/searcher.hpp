#pragma once
// Answers SearchRequests against a newsdex database: Xapian's QueryParser
// with the indexer's stemmer, BM25 ranking, date filters and sorting, and a
// highlighted snippet per hit. Several databases (shards, local or served
// by xapian-tcpsrv) are searched as one: ranks, facets and snippets are
// those of a single database holding them all.
//   Searcher s("news.db");
//   Searcher t(Databases{{"news.db"}, {"archive2:33333"}});
//   Results r = s.search(request);
// Not thread-safe: give each thread its own Searcher.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "search/results.hpp"
#include "search/search_request.hpp"

namespace newsdex {

// Where a search looks: newsdex database folders (plain or sharded) and
// remote databases, "host:port" of a xapian-tcpsrv. The first one's
// metadata (entity names, aliases, spelling) serves them all: list the
// folder, or the server of shard-0, first.
struct Databases {
  std::vector<std::string> paths;
  std::vector<std::string> remotes;
  std::string label() const;  // "news.db", "news.db + host:port"
};

class Searcher {
 public:
  // Throws DatabaseError when `path` is missing or not a Xapian database.
  explicit Searcher(const std::string& path);
  // Also when a remote cannot be reached or is not a newsdex database.
  explicit Searcher(const Databases& databases);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Throws QueryError for a query Xapian cannot parse, UsageError for bad options.
  Results search(SearchRequest request);

  // The archive's entities of one type, most articles first: those whose
  // name, or any word of it or of another name articles wrote it in, starts
  // with `prefix` (any case and accents; "" for all). For autocomplete:
  // entities(person, "bla", 10) -> Tony Blair 212 (Blair, Mr Blair), ...
  EntityListing entities(EntityType type, const std::string& prefix, std::size_t limit);

  std::uint64_t document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
