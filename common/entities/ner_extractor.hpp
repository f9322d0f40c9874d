#pragma once
// The entities stage over the trained tagger (common/ner): the mentions of
// title and body, cleaned and merged into the article's entities
// (canonical.hpp) with the name tables the model carries.
//   ner::Model model = ner::Model::load(ner::default_model_path());
//   NerEntityExtractor extractor(model);
//   extractor.extract(article);  // {person "Antony Blinken", place "Gaza", ...}
#include <memory>
#include <string>
#include <vector>

#include "entities/entity_extractor.hpp"
#include "entities/names.hpp"
#include "ner/model.hpp"
#include "ner/tagger.hpp"

namespace newsdex {

class NerEntityExtractor : public EntityExtractor {
 public:
  // `model` must outlive the extractor. Throws InputError when the model's
  // name tables are malformed.
  explicit NerEntityExtractor(const ner::Model& model);

  std::vector<NamedEntity> extract(const Article& article) override;
  std::string version() const override { return version_; }
  const AliasTable* knowledge() const override { return &tables_->knowledge(); }
  std::unique_ptr<EntityExtractor> clone() const override;

 private:
  NerEntityExtractor(const ner::Model& model, std::shared_ptr<const NameTables> tables, std::string version);

  const ner::Model& model_;
  ner::Tagger tagger_;
  std::shared_ptr<const NameTables> tables_;  // shared by clones: read-only
  std::string version_;
};

}  // namespace newsdex
