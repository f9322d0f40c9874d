#include "index/document_builder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_set>

#include "entities/keys.hpp"
#include "index/cached_stem.hpp"
#include "schema/schema.hpp"
#include "util/date.hpp"
#include "util/possessive.hpp"

namespace newsdex {
namespace {

void add_boolean(Xapian::Document& doc, const std::string& term) {
  if (term.size() <= schema::kMaxTermBytes) doc.add_boolean_term(term);
}

// Removes the terms that start with `prefix`.
void remove_prefixed(Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> doomed;
  auto it = doc.termlist_begin();
  for (it.skip_to(prefix); it != doc.termlist_end(); ++it) {
    std::string term = *it;
    if (term.compare(0, prefix.size(), prefix) != 0) break;
    doomed.push_back(std::move(term));
  }
  for (const auto& t : doomed) doc.remove_term(t);
}

// "Blair's", "Blair’s" (Xapian reads both as blair's): the name itself too,
// at the same positions, so that `Blair` and "Tony Blair" match them (the
// stemmed term is already "Zblair"). Title terms (S) likewise.
void add_possessive_bases(Xapian::Document& doc) {
  std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> bases;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.size() < 4 || term.compare(term.size() - 2, 2, "'s") != 0) continue;
    const bool title = term[0] == schema::kTitlePrefix[0];
    if (!title && term[0] >= 'A' && term[0] <= 'Z') continue;  // another prefix (Z, X...)
    const std::string_view word = std::string_view(term).substr(title ? 1 : 0);
    if (possessive_base(word).empty()) continue;  // "it's"
    const std::string base = term.substr(0, term.size() - 2);
    std::vector<Xapian::termpos> positions(it.positionlist_begin(), it.positionlist_end());
    bases.emplace_back(base, std::move(positions));
  }
  for (const auto& [base, positions] : bases) {
    for (const auto pos : positions) doc.add_posting(base, pos);
  }
}

// The words a text writes with a capital inside a sentence and never in
// lower case ("Federer", not "Bank" in a text that also says "the bank"),
// lower-cased as Xapian's terms are.
std::vector<std::string> capitalised_words(std::string_view text) {
  std::unordered_set<std::string> capital, lower;
  bool sentence_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool letter = std::isalpha(c) != 0 || c >= 0x80;
    if (!letter) {
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '\n' || c == '(') {
        sentence_start = true;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\'' && c != '-' && c != ',') {
        sentence_start = false;
      }
      ++i;
      continue;
    }
    std::size_t j = i;
    bool upper_rest = true, digit = false;
    while (j < text.size()) {
      const auto d = static_cast<unsigned char>(text[j]);
      if (std::isalnum(d) == 0 && d < 0x80 && d != '\'') break;
      if (std::isdigit(d) != 0) digit = true;
      if (j > i && std::islower(d) != 0) upper_rest = false;
      ++j;
    }
    std::string_view word = text.substr(i, j - i);
    if (word.size() > 2 && word.substr(word.size() - 2) == "'s") word.remove_suffix(2);
    while (!word.empty() && word.back() == '\'') word.remove_suffix(1);
    if (!digit && word.size() >= 2) {
      if (std::islower(c) != 0) {
        lower.insert(Xapian::Unicode::tolower(std::string(word)));
      } else if (!sentence_start && std::isupper(c) != 0 && !upper_rest) {
        capital.insert(Xapian::Unicode::tolower(std::string(word)));
      }
    }
    sentence_start = false;
    i = j;
  }
  std::vector<std::string> out;
  for (const auto& w : capital) {
    if (lower.count(w) == 0) out.push_back(w);
  }
  return out;
}

}  // namespace

DocumentBuilder::DocumentBuilder() : stemmer_(new CachedStem) {
  terms_.set_stemmer(stemmer_);
  terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build_text(const Article& a, const std::string& hash) {
  Xapian::Document doc;
  doc.set_data(schema::encode_document_data(a));
  terms_.set_document(doc);

  terms_.index_text(a.title, 1, std::string(schema::kTitlePrefix));
  terms_.increase_termpos();
  terms_.index_text(a.title, schema::kTitleWeight);
  // A gap so that a phrase cannot match across the title/body boundary.
  terms_.increase_termpos();
  terms_.index_text(a.body);
  add_possessive_bases(doc);
  for (const auto& w : capitalised_words(a.body)) add_boolean(doc, std::string(schema::kCapitalPrefix) + w);

  doc.add_boolean_term(schema::id_term(a.id));
  if (!a.path.empty()) doc.add_boolean_term(schema::file_term(a.path));
  if (const auto date = parse_iso_date(a.date)) {
    doc.add_value(schema::kDateSlot, date->compact());
    doc.add_boolean_term(std::string(schema::kYearPrefix) + date->compact_year());
    doc.add_boolean_term(std::string(schema::kMonthPrefix) + date->compact_month());
    doc.add_boolean_term(std::string(schema::kDayPrefix) + date->compact());
  }
  doc.add_value(schema::kHashSlot, hash);
  // The TermGenerator lets go of the document before it is handed on:
  // Xapian's reference counts are not atomic, and the writer thread works
  // on it while this builder starts the next (ASan found a use after free).
  terms_.set_document(Xapian::Document());
  return doc;
}

void DocumentBuilder::set_entities(Xapian::Document& doc, const std::vector<ArticleEntity>& entities) {
  for (const std::string_view prefix : {schema::kPersonPrefix, schema::kPlacePrefix, schema::kOrgPrefix,
                                        schema::kNamePrefix, schema::kShortFormPrefix}) {
    remove_prefixed(doc, std::string(prefix));
  }
  std::array<std::vector<std::string>, 3> lists;
  std::map<std::string, unsigned> prominence;  // entity term -> its wdf
  for (const auto& [named, resolved] : entities) {
    const std::string key = entity_key(named.name);
    if (key.empty()) continue;
    add_boolean(doc, schema::name_term(key));
    if (const auto form = short_form_of_partial(named.name))
      add_boolean(doc, schema::short_form_term(form->type, form->key));
    if (!resolved) continue;
    prominence[schema::entity_term(resolved->type, resolved->key)] += std::max(named.prominence(), 1u);
    auto& list = lists[static_cast<std::size_t>(resolved->type)];
    if (std::find(list.begin(), list.end(), resolved->key) == list.end()) list.push_back(resolved->key);
  }
  for (const auto& [term, wdf] : prominence) {
    if (term.size() <= schema::kMaxTermBytes) doc.add_term(term, wdf);
  }
  for (const EntityType type : kEntityTypes) {
    const auto& list = lists[static_cast<std::size_t>(type)];
    if (list.empty()) {
      if (!doc.get_value(schema::entity_slot(type)).empty()) doc.remove_value(schema::entity_slot(type));
    } else {
      doc.add_value(schema::entity_slot(type), schema::encode_entity_list(list));
    }
  }
  if (entities.empty()) {
    if (!doc.get_value(schema::kNamedSlot).empty()) doc.remove_value(schema::kNamedSlot);
  } else {
    doc.add_value(schema::kNamedSlot, encode_article_entities(entities));
  }
}

void DocumentBuilder::count_spelling(const Xapian::Document& doc, SpellingCounts& counts) {
  // Plain words are the terms without a prefix: prefixes (and stemmed "Z"
  // terms) start with a capital. Title words count with their weight.
  // Numbers ("1,250", "3.5", "1980s") are left out: nobody needs "did you
  // mean" for them, and they were a quarter of the words, each one a
  // dozen entries of the spelling table to write.
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    if (term.find_first_of("0123456789") != std::string::npos) continue;
    if (term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0) continue;  // "blair" is there too
    counts[term] += it.get_wdf();
  }
}

}  // namespace newsdex
