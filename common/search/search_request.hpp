#pragma once
// What a user asks: a query string plus options, from the command line or
// from one line of a batch file. No Xapian here.
//   SearchRequest r; r.query = "ceasefire gaza"; r.sort = SortOrder::newest_first;
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity.hpp"

namespace newsdex {

enum class SortOrder { relevance, oldest_first, newest_first };  // relevance | date | -date

// Which articles a query's words find.
enum class MatchMode {
  best,  // those with every word first, then (when they are fewer than a page) the best with some of them
  all,   // only those with every word (--all)
  any,   // any word, ranked by BM25 (--any)
};

struct SearchRequest {
  std::string query;  // Xapian query syntax: phrases, -term, OR, title:, date:A..B, wild*
  MatchMode match = MatchMode::best;
  std::string since;  // "YYYYMMDD" inclusive, or empty
  std::string until;  // "YYYYMMDD" inclusive, or empty
  SortOrder sort = SortOrder::relevance;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::size_t snippet_bytes = 240;  // target snippet length
  // Drill-down (--person/--place/--org): only articles naming every one of
  // these (canonical names, any case). The query string can add more:
  // person:"Antony Blinken" place:Gaza org:Hamas.
  std::vector<Entity> filters;
  // How many values each facet shows (person, place, org, in EntityType
  // order); 0 turns that facet off. Counts are exact over the whole match set.
  std::array<std::size_t, 3> facets{10, 10, 10};
  // Refuse a query with a syntax error (--strict-syntax) instead of reading
  // it the forgiving way, with a note of what was done.
  bool strict_syntax = false;
  // Set by normalize(): the query as the user wrote it (cut to
  // kMaxQueryBytes), for the answer to echo; `query` is what is searched.
  std::string written;
};

inline constexpr std::size_t kMaxLimit = 10000;         // larger --limit values are capped
inline constexpr std::size_t kMaxOffset = 1000000;      // likewise --offset
inline constexpr std::size_t kMaxSnippetBytes = 10000;  // and --snippet-length
inline constexpr std::size_t kMaxFacetValues = 10000;   // and --facets

// "relevance" | "date" | "-date"; throws UsageError otherwise.
SortOrder parse_sort(std::string_view text);
std::string_view sort_name(SortOrder order);

// --since/--until values: "2021-05-21", "2021-05" or "2021", widened to the
// bound's side; returns "YYYYMMDD". Throws UsageError for anything else.
std::string parse_since(std::string_view text);
std::string parse_until(std::string_view text);

// Checks and caps a request: the query valid UTF-8, cut to kMaxQueryBytes
// and its syntax mended (or, with strict_syntax, refused: QueryError; see
// query_syntax.hpp), limit, offset and snippet length within bounds, since
// <= until. Throws QueryError or UsageError. Returns a note for the user for
// each thing cut, capped or mended.
std::vector<std::string> normalize(SearchRequest& request);

// One batch line -> request. A line is a plain query string or a JSON object
// {"id","q","limit","offset","sort","since","until","all","any","person","place","org","facets"}
// ("all", "any": true or false, not both true; "person": a name or a list of names; "facets": a count, or
// {"person":K,...}); `defaults` fills what the line leaves out. A line that cannot be a request gets `error`, keeping
// whatever id and query it did give, so the answer can name them.
struct BatchItem {
  std::string id_json;  // the line's "id" as JSON text ("\"q-17\"", "7"), else the line number
  SearchRequest request;
  std::string error;  // empty when `request` is good
};
BatchItem parse_batch_line(std::string_view line, std::size_t line_no, const SearchRequest& defaults);

}  // namespace newsdex
