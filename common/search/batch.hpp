#pragma once
// Batch mode: answers many queries, in parallel, reporting in input order.
//   run_batch({{"news.db"}, {}}, lines, defaults, 2, [](const BatchAnswer& a) { print(a); });
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "search/results.hpp"
#include "search/search_request.hpp"
#include "search/searcher.hpp"

namespace newsdex {

// Each worker thread opens its own Searcher on `databases` (Xapian objects are
// not shared across threads). `emit` is called from the calling thread, once
// per line, in input order, as soon as that line and all before it are done.
// Throws DatabaseError when the database cannot be opened at all.
void run_batch(const Databases& databases, const std::vector<std::string>& lines, const SearchRequest& defaults,
               unsigned threads, const std::function<void(const BatchAnswer&)>& emit);

}  // namespace newsdex
