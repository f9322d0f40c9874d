#pragma once

// "Did you mean": the whole query again with its misspellings corrected
// from the archive's own words and entity names. Pure logic: what the
// archive knows comes through SpellingEvidence (the Searcher's reads the
// database; tests give a table).
//
//   "Tony Blaire"          -> "Tony Blair"      (the word the archive has)
//   "Arsene Wegner"        -> "Arsène Wenger"   (the entity's name)
//   "person:\"Tony Blare\"" -> "person:\"Tony Blair\""
//   "£35bn", "G7", "x2"    -> no suggestion (digits and currency are not spelling)

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "entities/entity.hpp"
#include "search/query_analysis.hpp"
#include "util/edit_distance.hpp"  // for SpellingEvidence implementations

namespace newsdex {

// An entity of the archive, as the suggestion may name it.
struct EntityCandidate {
  EntityType type = EntityType::person;
  std::string name;          // as facets show it: "Arsène Wenger"
  std::size_t articles = 0;  // naming it
  std::size_t distance = 0;  // edits from the name asked about
};

class SpellingEvidence : public WordEvidence {
 public:
  // Whether the archive has the word (lower case, as indexed) or its stem.
  virtual bool known(const std::string& lower_word) = 0;
  // The archive's most frequent word within `max_edits` of `lower_word`
  // (lower case), or empty.
  virtual std::string nearest_word(const std::string& lower_word, std::size_t max_edits) = 0;
  // The archive's entity (of `type`, or of any type) whose name is nearest
  // `name`, within `max_edits` edits of their keys (entity_key) and with
  // the same first letter, the one
  // named by most articles among the nearest; none when nothing is that near.
  // A one-word name is compared with people's surnames too ("Blare" ->
  // "Tony Blair"); the distance is then the surname's.
  virtual std::optional<EntityCandidate> nearest_entity(std::optional<EntityType> type, const std::string& name,
                                                        std::size_t max_edits) = 0;
  // Articles naming the entity `name` (of `type`, or of any type), by any of its names.
  virtual std::size_t entity_articles(std::optional<EntityType> type, const std::string& name) = 0;
};

// The edits a name or word of `bytes` bytes may be away from the one meant:
// 1 up to 5 bytes, else 2 (Xapian's default).
std::size_t max_edits_for(std::size_t bytes);

// The query with its misspellings corrected, or empty when there is nothing
// to correct. A word is corrected when the archive lacks it; a run of two
// to four name-like words (capitalised as typed, or names in the archive;
// words the archive lacks beside them) that no entity has is replaced by the nearest entity's name, when
// `few_matches` (the query found little) or one of its words is unknown; a
// person:, place: or org: filter that names no entity by the nearest of its
// type. Words come back in the case the archive writes them (a name
// capitalised, other words in lower case); fields, operators, signs,
// wildcards and everything else stay as written.
std::string suggest_query(std::string_view query, SpellingEvidence& evidence, bool few_matches);

}  // namespace newsdex
