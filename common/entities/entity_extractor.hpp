#pragma once
// The entities stage of the indexing pipeline: what people, places and
// organizations an article names. The indexer runs an EntityExtractor, when
// one is given, between parsing and document building; DocumentBuilder
// stores each entity as a boolean term and in a facet value slot
// (schema::kPersonPrefix, schema::kPersonSlot ...).
// NerEntityExtractor (ner_extractor.hpp) is the real one; tests use fakes.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "article/article.hpp"

namespace newsdex {

enum class EntityType { person, place, org };
inline constexpr std::array<EntityType, 3> kEntityTypes{EntityType::person, EntityType::place, EntityType::org};

struct Entity {
  EntityType type = EntityType::person;
  std::string name;  // canonical form: "Antony Blinken", "United States"
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

class EntityExtractor {
 public:
  virtual ~EntityExtractor() = default;
  // Entities named in the article's title and body, each canonical name once.
  // Example: an article about the Gaza ceasefire -> {place "Gaza", org "Hamas"}.
  // Not thread-safe: give each thread its own extractor.
  virtual std::vector<Entity> extract(const Article& article) = 0;
  // Changes whenever extract() may answer differently (another model, other
  // rules), so that the indexer rewrites articles extracted the old way.
  virtual std::string version() const = 0;
  // Other names of places, by NameTables::key(): {"us" -> "United States"}.
  // Stored in the database, so that the query tool's place:US means place:"United States".
  virtual std::vector<std::pair<std::string, std::string>> place_aliases() const { return {}; }
  // A fresh extractor that answers the same, for another thread; none when
  // this one cannot be copied (the indexer then extracts on one thread).
  virtual std::unique_ptr<EntityExtractor> clone() const { return nullptr; }
};

}  // namespace newsdex
