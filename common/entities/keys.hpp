#pragma once
// Keys that name one entity however an article writes it: case, accents,
// dots, hyphens, "&" and a leading "the" do not matter. The index stores
// entities by these keys, and every table of names is looked up by them.
//   entity_key("George W. Bush") == entity_key("George W Bush") == "george w bush"
//   entity_key("Sinn Féin") == "sinn fein"; entity_key("Marks & Spencer") == "marks and spencer"
//   canonical_key(EntityType::org, "lib dems") == "lib dem"    (an organisation's plural)
#include <string>
#include <string_view>

#include "entities/entity.hpp"

namespace newsdex {

// Case-folded, accents stripped (Unicode, by utf8proc), dots and a final
// possessive dropped, hyphens, slashes, commas and brackets as spaces, "&"
// as "and", single spaces, no leading "the". "" for a name with no letter
// or digit.
std::string entity_key(std::string_view name);

// The key an entity of `type` is stored under, from an entity_key(): the
// key itself, but for a multi-word organisation whose last word is a plural
// ("Golden Globes", "Liberal Democrats"), its singular.
std::string canonical_key(EntityType type, std::string_view key);

// The initials of a name's words, small words ("of", "the", "and") left out;
// with `hyphen_parts`, each part of a hyphenated word gives one:
// initials("Organization for Security and Co-operation in Europe", false) == "OSCE",
// and "OSCOE" with `hyphen_parts`.
std::string initials(std::string_view name, bool hyphen_parts);

// Whether a name is an acronym: two to six capitals ("EC", "NATO").
bool is_acronym(std::string_view name);
// An acronym with a plural s ("PCs", "MPs"): a common noun, not a name.
bool is_plural_acronym(std::string_view word);

}  // namespace newsdex
