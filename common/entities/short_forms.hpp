#pragma once
// One name for one entity across articles, even where an article gives only
// a short form of it: a person named only "Reagan" (after a title, or twice)
// is "Ronald Reagan" when that is the full name most articles give for a
// Reagan; an organisation named only "EC" is "European Community" when that
// is the organisation with those initials most articles name. The store
// layer keeps, for each short form (a key), how many articles name each
// full name (Candidates), and settles every short form after each run, so
// the outcome does not depend on the order articles were indexed in.
//   short_key(person, "Ronald Reagan") == "reagan"   partial_key(person, "Reagan") == "reagan"
//   short_key(org, "European Community") == "ec"     partial_key(org, "EC") == "ec"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity_extractor.hpp"

namespace newsdex {

// The initials of a name's words, small words ("of", "the") left out;
// with `hyphen_parts`, each part of a hyphenated word gives one:
// initials("Organization for Security and Co-operation in Europe", false) == "OSCE",
// and "OSCOE" with `hyphen_parts`.
std::string initials(std::string_view name, bool hyphen_parts);

// The short form a full name can be written as, or "" when it has none:
// a person's surname, an organisation's initials (two to six of them).
std::string short_key(EntityType type, std::string_view name);

// The key of a name that is itself a short form, or "": a person's one
// word, an organisation's acronym. Places have none.
std::string partial_key(EntityType type, std::string_view name);

// For one short form: how many articles name each full name.
struct Candidates {
  std::map<std::string, std::int64_t> articles;

  void add(const std::string& name, std::int64_t delta);
  // The full name the short form stands for: the most frequent one, named by
  // at least two articles and by two thirds of those naming any.
  std::optional<std::string> dominant() const;
  // "Ronald Reagan\t57\nNancy Reagan\t3" and back (bad lines are skipped).
  std::string encode() const;
  static Candidates decode(std::string_view text);
};

// A short form in one article, and the name it stands for there now.
struct ShortForm {
  EntityType type = EntityType::person;
  std::string key;       // "reagan"
  std::string written;   // "Reagan": the name when no full name is known
  std::string resolved;  // "Ronald Reagan", or `written`
  friend bool operator==(const ShortForm&, const ShortForm&) = default;
};
// "person\treagan\tReagan\tRonald Reagan" lines, and back.
std::string encode_short_forms(const std::vector<ShortForm>& forms);
std::vector<ShortForm> decode_short_forms(std::string_view text);

}  // namespace newsdex
