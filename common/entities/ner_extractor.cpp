#include "entities/ner_extractor.hpp"

#include <array>

#include "entities/canonical.hpp"
#include "util/hash.hpp"

namespace newsdex {
namespace {

// Bump when canonical.cpp's rules change: articles are then extracted again.
constexpr std::string_view kRulesVersion = "1";
// How much text before a mention is looked at for a title ("Deputy Secretary of State").
constexpr std::size_t kContextBytes = 64;

}  // namespace

NerEntityExtractor::NerEntityExtractor(const ner::Model& model)
    : model_(model),
      tagger_(model),
      tables_(NameTables::parse(model.names(), "NER model")),
      version_(Hasher()
                   .add(kRulesVersion)
                   .add(model.info())
                   .add(model.names())
                   .add(std::to_string(model.features()))
                   .hex()) {}

std::vector<Entity> NerEntityExtractor::extract(const Article& article) {
  const std::array<std::string_view, 2> texts{article.title, article.body};
  std::vector<RawMention> mentions;
  for (const ner::Mention& m : tagger_.find(texts)) {
    if (m.type == ner::Type::misc) continue;  // nationalities, events, works: not faceted
    const std::string_view text = texts[m.field];
    const std::size_t from = m.begin > kContextBytes ? m.begin - kContextBytes : 0;
    RawMention raw;
    raw.type = m.type == ner::Type::per   ? EntityType::person
               : m.type == ner::Type::loc ? EntityType::place
                                          : EntityType::org;
    raw.text = text.substr(m.begin, m.end - m.begin);
    raw.before = text.substr(from, m.begin - from);
    raw.in_title = m.field == 0;
    mentions.push_back(raw);
  }
  return resolve_entities(mentions, tables_);
}

}  // namespace newsdex
