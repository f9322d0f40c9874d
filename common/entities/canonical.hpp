#pragma once
// From the tagger's mentions to an article's entities: one canonical name per
// entity, the same in every article, so that facet counts add up.
//   clean_mention(person, "Secretary Antony Blinken's", "", t)->name == "Antony Blinken"
//   clean_mention(place, "U.S.", "", t)->name == "United States"
//   resolve_entities({"Antony Blinken", "Blinken"}) == {person "Antony Blinken"}
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity_extractor.hpp"
#include "entities/names.hpp"

namespace newsdex {

// A mention as found in the text, with the text just before it (for titles
// such as "President" that the tagger leaves outside the name).
struct RawMention {
  EntityType type = EntityType::person;
  std::string_view text;    // "Secretary Antony Blinken's"
  std::string_view before;  // "... said US " (a few words are enough)
  bool in_title = false;    // found in the headline rather than the body
};

// One mention cleaned to a name.
struct CleanName {
  std::string name;                      // "Antony Blinken"
  EntityType type = EntityType::person;  // a country is a place, whatever the tagger called it
  bool titled = false;                   // a title stood before it ("Mr", "President"): surely a person
  bool shouted = false;                  // written in capitals ("HAMAS"); cased here, an article's own casing is better
};

// Strips titles and honorifics (persons), a leading "the", possessives,
// surrounding punctuation and company suffixes ("Inc", "Corp"); resolves
// country names ("US" -> "United States") and a country's prefix before its
// own government body ("US State Department" -> "State Department"); cases
// capitals ("BANK OF ENGLAND" -> "Bank of England"). Returns nothing for what
// is not a name: a title alone, a nationality word, "Middle Eastern", junk,
// a portfolio ("Foreign Affairs" after "Minister of").
std::optional<CleanName> clean_mention(EntityType type, std::string_view text, std::string_view before,
                                       const NameTables& tables);

// All mentions of one article -> its entities, each once, in order of first
// mention. Within the article, a person's partial name resolves to the full
// name it gives ("Blinken", "Gabi" -> "Gabi Ashkenazi" when only she is
// Gabi), and a name in capitals takes the article's own casing. A one-word
// person name that cannot be resolved is kept only when a title stood before
// it or it is named twice; a capitalised headline's names only when the body
// names them too (taggers read all-capital headlines poorly).
std::vector<Entity> resolve_entities(std::span<const RawMention> mentions, const NameTables& tables);

}  // namespace newsdex
