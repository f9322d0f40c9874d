#pragma once
// What happens to a query before Xapian sees it, in one place. The query
// string (already mended by query_syntax) is read once into an
// AnalyzedQuery: the text Xapian's parser gets, with each plain word written
// so that the parser does what the archive says (a name matches exactly, any
// other word by its stem, however the reader typed it), the plain words
// themselves (for the phrase boost, partial matches and spelling), and what
// kind of query it is. No Xapian here: the archive's evidence comes through
// WordEvidence.
//   analyze_query("FEDERER wins OIL PRICES", evidence).text == "Federer wins oil prices"
//   (when the archive writes "Federer" capitalised and "oil" in lower case)
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// What the archive says about a word.
enum class WordKind {
  name,     // written capitalised inside a sentence in most articles that have it ("federer")
  word,     // in the archive, and no name ("bank", "oil")
  unknown,  // not in the archive at all
};

class WordEvidence {
 public:
  virtual ~WordEvidence() = default;
  // The word as the index writes it ("Élysée" -> "élysée").
  virtual std::string lower(std::string_view word) = 0;
  // The word with a capital first letter ("élysée" -> "Élysée").
  virtual std::string capitalised(std::string_view lower_word) = 0;
  virtual WordKind kind(const std::string& lower_word) = 0;
};

struct AnalyzedQuery {
  std::string text;                // for Xapian's QueryParser
  std::vector<std::string> words;  // the plain words, as rewritten (no fields, signs or operators)
  bool plain = false;              // nothing but plain words (no phrase, field, operator, sign, wildcard)
  bool only_exclusions = false;    // "-hamas -gaza": read as everything but those
};

// Plain words are rewritten: a name with a capital first letter (Xapian's
// parser matches those exactly) and without a possessive ("Blair's" ->
// "Blair": the index has the name at the possessive's position too), any
// other word the archive has in lower case (so it is matched by its stem),
// an unknown word as typed. The same goes for the words of title:. Phrases,
// other fields, operators, wildcards and words with digits, dots or hyphens
// are left as written. A query of exclusions only becomes "NOT a NOT b".
AnalyzedQuery analyze_query(std::string_view query, WordEvidence& evidence);

// Words too common to find anything by ("the", "of", "and"), which a query
// leaves out unless they are all it has, they stand in a phrase or are
// required with '+'. No word that can be a name ("US", "WHO", "May").
bool is_stop_word(std::string_view lower_word);
const std::vector<std::string>& stop_words();

}  // namespace newsdex
