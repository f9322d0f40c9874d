#pragma once
// Article (+ entities) -> Xapian::Document, following schema.hpp. Internal to
// the store layer: the only header outside search/ that includes <xapian.h>.
// In two steps, so that the first can run on any thread and the second
// (which needs the archive's evidence, entities/resolution.hpp) in the writer:
//   DocumentBuilder b;
//   Xapian::Document doc = b.build_text(article, hash);
//   DocumentBuilder::set_entities(doc, {{{MentionType::place, "Gaza"}, ResolvedEntity{place, "gaza"}}});
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "article/article.hpp"
#include "entities/resolution.hpp"

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

  // The article's entities, replacing any it had: a term for each resolved
  // entity (filters) and one slot of keys per type (facets); a term for each
  // name it gives and each short form among them, and the list itself,
  // for resolving the article again (schema.hpp).
  static void set_entities(Xapian::Document& doc, const std::vector<ArticleEntity>& entities);

  // Adds the document's plain words to `counts`, as Xapian's TermGenerator
  // would feed the spelling table, but counted here so that the table is
  // written once a batch instead of once a word.
  static void count_spelling(const Xapian::Document& doc, SpellingCounts& counts);

 private:
  Xapian::Stem stemmer_;
  Xapian::TermGenerator terms_;
};

}  // namespace newsdex
