#pragma once
// The entities stage over the trained tagger (common/ner): the mentions of
// title and body, turned into canonical entities (canonical.hpp) with the
// name tables the model carries.
//   ner::Model model = ner::Model::load(ner::default_model_path());
//   NerEntityExtractor extractor(model);
//   extractor.extract(article);  // {person "Antony Blinken", place "Gaza", ...}
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

  std::vector<Entity> extract(const Article& article) override;
  std::string version() const override { return version_; }
  std::vector<std::pair<std::string, std::string>> place_aliases() const override {
    return {tables_.aliases().begin(), tables_.aliases().end()};
  }
  std::unique_ptr<EntityExtractor> clone() const override { return std::make_unique<NerEntityExtractor>(model_); }

 private:
  const ner::Model& model_;
  ner::Tagger tagger_;
  NameTables tables_;
  std::string version_;
};

}  // namespace newsdex
