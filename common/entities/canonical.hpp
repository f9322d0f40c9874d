#pragma once
// From the tagger's mentions to one article's entities: each mention cleaned
// to a name, then the article's mentions of one entity merged under its
// fullest name, with what the article says about it (a title before it, a
// work or product named, a common noun). The archive's evidence is weighed
// later (entities/resolution.hpp).
//   clean_mention(person, "Secretary Antony Blinken's", "", "", t)->name == "Antony Blinken"
//   clean_mention(place, "U.S.", "", "", t)->name == "United States"
//   resolve_entities({"Antony Blinken", "Blinken"}) == {person "Antony Blinken"}
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity.hpp"
#include "entities/names.hpp"

namespace newsdex {

// A mention as found in the text, with the text around it.
struct RawMention {
  MentionType type = MentionType::person;  // `other` for the tagger's MISC
  std::string_view text;                   // "Secretary Antony Blinken's"
  std::string_view before;                 // "... said US " (a few words are enough)
  std::string_view after;                  // " said on Friday ..."
  bool in_title = false;                   // found in the headline rather than the body
  bool in_lead = false;                    // in the body's first kLeadBytes
  bool first_name = false;                 // one word that is a first name and no surname
  bool in_list = false;                    // one of a list of names ("Cech, Ferreira, Terry"): a line-up
  bool located = false;                    // the words before it make it a place ("MP for Witney")
  // The mention just before it ends where this one's possessive starts
  // ("Sony" in "Sony's PSP"), and is an organisation.
  bool after_org_possessive = false;
};

// One mention cleaned to a name.
struct CleanName {
  std::string name;                        // "Antony Blinken"
  MentionType type = MentionType::person;  // a country is a place, whatever the tagger called it
  bool titled = false;                     // a title stood before it ("Mr", "President"): surely a person
  bool shouted = false;  // written in capitals ("HAMAS"); cased here, an article's own casing is better
  bool work = false;     // named as a work or product ("the film Ray", "Newsnight programme")
};

// Strips titles and honorifics (persons; a royal or peerage title stays
// before a single name: "Lord Falconer", "Prince Charles"), a leading
// "the", possessives, surrounding punctuation, unbalanced brackets, a house
// number ("10 Downing Street") and company suffixes ("Inc", "Corp");
// resolves country names ("US" -> "United States") and a country's prefix
// before its own government body ("US State Department" -> "State
// Department"); cases capitals ("BANK OF ENGLAND" -> "Bank of England").
// Returns nothing for what is not a name: a title alone, a nationality word,
// "Middle Eastern", junk, an amount ("5.45m euros", "£35bn"), a portfolio
// ("Foreign Affairs" after "Minister of").
std::optional<CleanName> clean_mention(MentionType type, std::string_view text, std::string_view before,
                                       std::string_view after, const NameTables& tables);

// All mentions of one article -> its entities, each once, in order of first
// mention. Two names joined by "and" are two ("Tony Blair and Gordon Brown").
// Within the article, a person's partial name resolves to the full name it
// gives ("Blinken", "Gabi" -> "Gabi Ashkenazi" when only she is Gabi), an
// acronym to the name it abbreviates ("UKIP", "UK Independence Party"), an
// alias that names several entities to the one the article names in full,
// and a name in capitals takes the article's own casing. A one-word person
// name that cannot be resolved is kept only when a title stood before it or
// it is named twice; a capitalised headline's names only when the body names
// them too (taggers read all-capital headlines poorly). An entity's type is
// the one most of its mentions have (a title makes it a person; a work or
// product cue makes it `other`).
std::vector<NamedEntity> resolve_entities(std::span<const RawMention> mentions, const NameTables& tables);

// Whether `acronym` abbreviates `name`, one or more letters from the start
// of each word, small words skippable: "UKIP" / "UK Independence Party",
// "OSCE" / "Organization for Security and Co-operation in Europe".
bool abbreviates(std::string_view acronym, std::string_view name);

}  // namespace newsdex
