#pragma once
// The entities stage of the indexing pipeline: what people, places and
// organizations an article names. The indexer runs an EntityExtractor, when
// one is given, between parsing and document building; the store layer then
// weighs each name against the whole archive (entities/resolution.hpp) and
// stores the outcome as terms and facet slots (schema::entity_term ...).
// NerEntityExtractor (ner_extractor.hpp) is the real one; tests use fakes.
#include <memory>
#include <string>
#include <vector>

#include "article/article.hpp"
#include "entities/aliases.hpp"
#include "entities/entity.hpp"

namespace newsdex {

class EntityExtractor {
 public:
  virtual ~EntityExtractor() = default;
  // The entities named in the article's title and body, each once, under
  // its fullest name in the article, with what the article says of it.
  // Example: an article about the Gaza ceasefire -> {place "Gaza", org "Hamas",
  // other "Israeli-Palestinian"}. Not thread-safe: give each thread its own.
  virtual std::vector<NamedEntity> extract(const Article& article) = 0;
  // Changes whenever extract() may answer differently (another model, other
  // rules), so that the indexer rewrites articles extracted the old way.
  virtual std::string version() const = 0;
  // What the extractor knows of which entity an alias names ("Tories" ->
  // org Conservative Party, "U.S." -> place United States), for resolving
  // names across the archive and for the query tool's filters; none when it
  // knows nothing. Lives as long as the extractor.
  virtual const AliasTable* knowledge() const { return nullptr; }
  // A fresh extractor that answers the same, for another thread; none when
  // this one cannot be copied (the indexer then extracts on one thread).
  virtual std::unique_ptr<EntityExtractor> clone() const { return nullptr; }
};

}  // namespace newsdex
