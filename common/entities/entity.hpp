#pragma once
// The entity vocabulary every stage shares. Facets show three types; the
// extractor also reports a fourth, `other` (works, products, events,
// nationalities), which no facet shows but which tells the archive how a
// name is used ("Ray" the film, not a person).
//   Entity{EntityType::person, "Tony Blair"}                          resolved: what facets show
//   NamedEntity{MentionType::other, "Tories", 0}                      as one article names it
//   facet_name(EntityType::place) == "place"; parse_facet_name("org") == EntityType::org
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

enum class EntityType : std::uint8_t { person, place, org };
inline constexpr std::array<EntityType, 3> kEntityTypes{EntityType::person, EntityType::place, EntityType::org};

// A resolved entity: its type and its name (canonical, or the name to show).
struct Entity {
  EntityType type = EntityType::person;
  std::string name;  // "Antony Blinken", "United States"
  friend bool operator==(const Entity&, const Entity&) = default;
};

// "person", "place", "org": the facet names of the query tool.
inline const char* facet_name(EntityType type) {
  return type == EntityType::person ? "person" : type == EntityType::place ? "place" : "org";
}
// The other way: parse_facet_name("place") == EntityType::place; nothing for another word.
inline std::optional<EntityType> parse_facet_name(std::string_view name) {
  for (const EntityType type : kEntityTypes) {
    if (name == facet_name(type)) return type;
  }
  return std::nullopt;
}

// How one article uses a name: as a person, place or organization, or as
// something else that has a proper name (a work, a product, an event, a
// nationality), which the facets leave out.
enum class MentionType : std::uint8_t { person, place, org, other };
inline constexpr std::size_t kMentionTypes = 4;

inline MentionType mention_type(EntityType type) {
  return static_cast<MentionType>(type);
}
inline std::optional<EntityType> entity_type(MentionType type) {
  if (type == MentionType::other) return std::nullopt;
  return static_cast<EntityType>(type);
}
// "person", "place", "org", "other".
inline const char* mention_name(MentionType type) {
  return type == MentionType::other ? "other" : facet_name(static_cast<EntityType>(type));
}
inline std::optional<MentionType> parse_mention_name(std::string_view name) {
  if (name == "other") return MentionType::other;
  if (const auto type = parse_facet_name(name)) return mention_type(*type);
  return std::nullopt;
}

// An entity as one article names it, before the archive's evidence is
// weighed (entities/resolution.hpp): its fullest name in the article and
// what the article says about it.
// The opening of an article's body, for NamedEntity::kInLead: about its
// first two sentences.
inline constexpr std::size_t kLeadBytes = 400;

struct NamedEntity {
  enum Flag : std::uint8_t {
    kTitled = 1,      // a person's title stood before it ("Mr", "Lord"): surely a person
    kWork = 2,        // named as a work or product ("the film Ray", "Sony's PSP", in quotes)
    kCommonNoun = 4,  // an acronym the article uses as a common noun ("PCs", "DVDs")
    kFirstName = 8,   // one word that is a first name and no surname ("Bill")
    kInTitle = 16,    // named in the headline
    kInLead = 32,     // named in the opening of the body (its first kLeadBytes)
    kLocated = 64,    // the words before it made it a place ("in Blackpool", "MP for Witney")
  };
  MentionType type = MentionType::person;
  std::string name;  // "Tony Blair", "Blair" (when the article gives no more), "Tories"
  std::uint8_t flags = 0;
  // For a name the shipped knowledge gives several entities for, the one
  // this article means ("Conservatives" beside Canada: "Conservative Party
  // of Canada"); the user's --aliases still override it.
  std::string hint{};
  std::uint16_t mentions = 0;  // how often the article names it (by any of its names)
  bool has(Flag f) const { return (flags & f) != 0; }
  // How prominent it is in the article, for ranking a drill-down: a point a
  // mention (at most 20), 5 more for the headline, 3 more for the opening.
  //   {mentions 2, kInTitle} -> 7
  unsigned prominence() const {
    return std::min<unsigned>(mentions, 20) + (has(kInTitle) ? 5 : 0) + (has(kInLead) ? 3 : 0);
  }
  friend bool operator==(const NamedEntity&, const NamedEntity&) = default;
};

}  // namespace newsdex
