#include "index/document_builder.hpp"

#include <array>

#include "schema/schema.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kMaxTermBytes = 240;

void add_boolean(Xapian::Document& doc, const std::string& term) {
  if (term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
}

}  // namespace

DocumentBuilder::DocumentBuilder() : stemmer_(std::string(schema::kStemLanguage)) {
  terms_.set_stemmer(stemmer_);
  terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void DocumentBuilder::enable_spelling(Xapian::WritableDatabase& db) {
  terms_.set_database(db);
  terms_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document DocumentBuilder::build(const Article& a, const std::vector<Entity>& entities,
                                        const std::vector<ShortForm>& short_forms, const std::string& hash) {
  Xapian::Document doc;
  doc.set_data(schema::encode_document_data(a));
  terms_.set_document(doc);

  terms_.index_text(a.title, 1, std::string(schema::kTitlePrefix));
  terms_.increase_termpos();
  terms_.index_text(a.title, schema::kTitleWeight);
  // A gap so that a phrase cannot match across the title/body boundary.
  terms_.increase_termpos();
  terms_.index_text(a.body);

  doc.add_boolean_term(schema::id_term(a.id));
  if (!a.path.empty()) doc.add_boolean_term(schema::file_term(a.path));
  if (a.date.size() == 10) {
    const std::string compact = a.date.substr(0, 4) + a.date.substr(5, 2) + a.date.substr(8, 2);
    doc.add_value(schema::kDateSlot, compact);
    doc.add_boolean_term(std::string(schema::kYearPrefix) + compact.substr(0, 4));
    doc.add_boolean_term(std::string(schema::kMonthPrefix) + compact.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kDayPrefix) + compact);
  }
  // Entities: a term each for filters, and one list a type for facet counting.
  std::array<std::vector<std::string>, 3> lists;
  for (const auto& e : entities) {
    add_boolean(doc, schema::entity_term(e.type, e.name));
    lists[static_cast<std::size_t>(e.type)].push_back(e.name);
  }
  for (const EntityType type : kEntityTypes) {
    const auto& list = lists[static_cast<std::size_t>(type)];
    if (!list.empty()) doc.add_value(schema::entity_slot(type), schema::encode_entity_list(list));
  }
  for (const auto& f : short_forms) add_boolean(doc, schema::short_form_term(f.type, f.key));
  if (!short_forms.empty()) doc.add_value(schema::kShortFormsSlot, encode_short_forms(short_forms));
  doc.add_value(schema::kHashSlot, hash);
  return doc;
}

}  // namespace newsdex
