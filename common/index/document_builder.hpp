#pragma once
// Article (+ entities) -> Xapian::Document, following schema.hpp. Internal to
// the store layer: the only header outside search/ that includes <xapian.h>.
// In two steps, so that the first can run on any thread and the second
// (which needs the whole run's short forms) in the writer:
//   DocumentBuilder b;
//   Xapian::Document doc = b.build_text(article, hash);
//   DocumentBuilder::add_entities(doc, {{EntityType::place, "Gaza"}}, {});
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "article/article.hpp"
#include "entities/entity_extractor.hpp"
#include "entities/short_forms.hpp"

namespace newsdex {

// Word -> occurrences, for Xapian's spelling table ("did you mean").
using SpellingCounts = std::unordered_map<std::string, Xapian::termcount>;

// One per thread (the stemmer's cache is not shared).
class DocumentBuilder {
 public:
  DocumentBuilder();

  // Free text: title (prefix S, and weighted up without a prefix) then body,
  // stemmed with the English Snowball stemmer, positions kept for phrases.
  // Boolean terms: Q<id>, Y/M/D date terms, XFILE<hash>. Values: the date
  // (YYYYMMDD) and the content hash. Data: the stored article.
  Xapian::Document build_text(const Article& article, const std::string& hash);

  // Entity terms and facet slots; `short_forms`: the entities named only by
  // a short form (their resolved names are among `entities`), kept for
  // settling them again later.
  static void add_entities(Xapian::Document& doc, const std::vector<Entity>& entities,
                           const std::vector<ShortForm>& short_forms);

  // Adds the document's plain words to `counts`, as Xapian's TermGenerator
  // would feed the spelling table, but counted here so that the table is
  // written once a batch instead of once a word.
  static void count_spelling(const Xapian::Document& doc, SpellingCounts& counts);

 private:
  Xapian::Stem stemmer_;
  Xapian::TermGenerator terms_;
};

}  // namespace newsdex
