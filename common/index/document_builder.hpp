#pragma once
// Article (+ entities) -> Xapian::Document, following schema.hpp. Internal to
// the store layer: the only header outside search/ that includes <xapian.h>.
#include <xapian.h>

#include <string>
#include <vector>

#include "article/article.hpp"
#include "entities/entity_extractor.hpp"
#include "entities/short_forms.hpp"

namespace newsdex {

class DocumentBuilder {
 public:
  DocumentBuilder();

  // Words also feed the spelling table of `db`, for "did you mean".
  void enable_spelling(Xapian::WritableDatabase& db);

  // Free text: title (prefix S, and weighted up without a prefix) then body,
  // stemmed with the English Snowball stemmer, positions kept for phrases.
  // Boolean terms: Q<id>, Y/M/D date terms, XFILE<hash>, entity terms.
  // Values: the date (YYYYMMDD) and the content hash. Data: the stored article.
  // `short_forms`: the article's entities named only by a short form (their
  // resolved names are among `entities`), kept for settling them again later.
  Xapian::Document build(const Article& article, const std::vector<Entity>& entities,
                         const std::vector<ShortForm>& short_forms, const std::string& hash);

 private:
  Xapian::Stem stemmer_;
  Xapian::TermGenerator terms_;
};

}  // namespace newsdex
