#pragma once
// The entities stage of the indexing pipeline: what people, places and
// organizations an article names. The indexer runs an EntityExtractor, when
// one is given, between parsing and document building; DocumentBuilder
// stores each entity as a boolean term (schema::kPersonPrefix ...).
// The trained news extractor is issue #3; this header is only the contract.
#include <string>
#include <vector>

#include "article/article.hpp"

namespace newsdex {

enum class EntityType { person, place, org };

struct Entity {
  EntityType type = EntityType::person;
  std::string name;  // canonical form: "Antony Blinken", "United States"
};

class EntityExtractor {
 public:
  virtual ~EntityExtractor() = default;
  // Entities named in the article's title and body, each canonical name once.
  // Example: an article about the Gaza ceasefire -> {place "Gaza", org "Hamas"}.
  virtual std::vector<Entity> extract(const Article& article) const = 0;
};

}  // namespace newsdex
