#pragma once
// Answers SearchRequests against a newsdex database: Xapian's QueryParser
// with the indexer's stemmer, BM25 ranking, date filters and sorting, and a
// highlighted snippet per hit.
//   Searcher s("news.db");
//   Results r = s.search(request);
// Not thread-safe: give each thread its own Searcher.
#include <cstdint>
#include <memory>
#include <string>

#include "search/results.hpp"
#include "search/search_request.hpp"

namespace newsdex {

class Searcher {
 public:
  // Throws DatabaseError when `path` is missing or not a Xapian database.
  explicit Searcher(const std::string& path);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Throws QueryError for a query Xapian cannot parse, UsageError for bad options.
  Results search(SearchRequest request);

  std::uint64_t document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
