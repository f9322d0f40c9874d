#pragma once
// The query language's own checks, made before Xapian sees a query. Xapian
// reads many mistakes some other way without a word ("foo:bar" becomes the
// words foo and bar, an unclosed phrase runs to the end); these are refused
// with the column and what to do instead. No Xapian here.
//   check_query_syntax("\"world cup");  // throws QueryError: unbalanced quote at column 1; ...
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.hpp"
#include "util/errors.hpp"

namespace newsdex {

// The query as Xapian's parser sees its structure: words, "phrases",
// brackets and operators (which are words written in capitals).
//   tokenize_query("a OR \"b c\"") -> word [0,1), binary_op [2,4), phrase [5,10)
struct QueryToken {
  enum Kind { word, phrase, open, close, binary_op, not_op };
  Kind kind = word;
  std::size_t begin = 0, end = 0;  // bytes of the query; a phrase includes its quotes
  bool closed = true;              // a phrase with its closing quote
};
std::vector<QueryToken> tokenize_query(std::string_view query);

// A word's field: "title:x" -> "title", "-id:x" -> "id"; empty for none.
// Only letters make a field name, and something must follow the colon (in
// the word, or, when `attached`, a phrase or bracket right after it).
std::string_view field_of(std::string_view word, bool attached);

// Longer queries are cut (at a word) to this many bytes, with a note.
inline constexpr std::size_t kMaxQueryBytes = 2048;

// The error for `query`: "cannot parse query 'QUERY': DETAIL".
QueryError query_error(std::string_view query, std::string_view detail);

// Throws QueryError at the first of: an unclosed '"'; a '(' or ')' without
// its partner; an operator (AND OR XOR NEAR ADJ, NEAR/n ADJ/n, NOT) without
// a query on each side (after it, for NOT), or with a +word or -word
// beside it (Xapian would read the query as plain words); a field prefix other than
// title:, id:, year:, date:, person:, place: and org:; year: without a four-digit year; date:
// without a valid, non-reversed range A..B; a range A..B on anything else.
void check_query_syntax(std::string_view query);

// The forgiving reading of what check_query_syntax() refuses: mends the query
// in place and says, a note each, what it did. An unclosed '"' is left out
// (its words are searched as plain words), so is a bracket without its
// partner, an operator with nothing on one side, a field with no value or
// an unreadable date range; an unknown field ("foo:bar") and a range outside
// date: are searched as words; a year: without a year as a word; date:2021
// means date:2021..2021.
//   std::string q = "\"world cup"; repair_query_syntax(q) -> q == "world cup", one note
std::vector<std::string> repair_query_syntax(std::string& query);

// The query with dots that are not a date: range ("grand canyon...",
// "...cash") made spaces: Xapian's parser would take them for a range and
// fail with "Unknown range operation". Words keep their positions.
std::string without_stray_dots(std::string_view query);

// A bound of date:A..B as "YYYYMMDD" (an empty side is open: 00000101 or
// 99991231). Throws QueryError (the detail only) for anything else.
std::string date_range_bound(std::string_view text, Bound side);

// Cuts a query longer than `max_bytes` at a word, then closes what the cut
// left open (a phrase, brackets) and drops an operator left dangling, so a
// query that was valid stays valid. Returns whether it cut.
bool bound_query_length(std::string& query, std::size_t max_bytes = kMaxQueryBytes);

// The wildcard words of a query outside phrases: "mac*" -> {"", "mac"},
// "title:elect*" -> {"title", "elect"} (the part before '*', as written).
struct WildcardWord {
  std::string field;  // "" for the free text, or "title"
  std::string start;
  std::string word;  // as written, for messages
};
std::vector<WildcardWord> wildcard_words(std::string_view query);

}  // namespace newsdex
