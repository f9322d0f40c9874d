#include "search/query_analysis.hpp"

#include <algorithm>

#include "search/query_syntax.hpp"
#include "util/possessive.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

// One plain word (no sign, no field) as the parser should get it, or empty
// to leave it as written.
std::string rewritten(std::string_view word, WordEvidence& evidence) {
  if (!utf8::letters_only(word)) return {};  // digits, dots, hyphens, wildcards, U.S., al-Qaeda: as Xapian reads them
  const std::string_view base = possessive_base(word);
  const std::string_view name = base.empty() ? word : base;
  const std::string lower = evidence.lower(name);
  switch (evidence.kind(lower)) {
    case WordKind::name:
      return evidence.capitalised(lower);
    case WordKind::word:
      return lower;
    case WordKind::unknown:
      break;
  }
  return std::string(name);
}

}  // namespace

AnalyzedQuery analyze_query(std::string_view query, WordEvidence& evidence) {
  AnalyzedQuery out;
  const auto tokens = tokenize_query(query);
  bool plain = !tokens.empty(), exclusions = !tokens.empty();
  std::vector<std::string> excluded;
  std::size_t copied = 0;
  for (const QueryToken& t : tokens) {
    out.text.append(query.substr(copied, t.begin - copied));
    copied = t.end;
    std::string_view w = query.substr(t.begin, t.end - t.begin);
    if (t.kind != QueryToken::word) {
      plain = exclusions = false;
      out.text.append(w);
      continue;
    }
    // "+word", "-word", "title:word": the sign and the field stay.
    std::string_view sign, field;
    if (w.size() > 1 && (w[0] == '+' || w[0] == '-')) {
      sign = w.substr(0, 1);
      w.remove_prefix(1);
    }
    const std::string_view name = field_of(w, false);
    if (!name.empty()) field = w.substr(0, name.size() + 1);
    const bool rewritable = field.empty() || name == "title";
    std::string word = rewritable ? rewritten(w.substr(field.size()), evidence) : std::string();
    if (word.empty()) word = std::string(w.substr(field.size()));
    plain = plain && sign.empty() && field.empty() && utf8::letters_only(word);
    exclusions = exclusions && sign == "-" && field.empty();
    if (field.empty() && rewritable) out.words.push_back(word);
    if (sign == "-") excluded.push_back(std::string(field) + word);
    out.text.append(sign).append(field).append(word);
  }
  out.text.append(query.substr(std::min(copied, query.size())));
  out.plain = plain;
  if (exclusions) {
    // Xapian reads a query of exclusions only as if the signs were not
    // there; users mean everything but those, NOT a NOT b in its syntax.
    out.only_exclusions = true;
    out.text.clear();
    for (const auto& w : excluded) out.text += (out.text.empty() ? "NOT " : " NOT ") + w;
  }
  return out;
}

const std::vector<std::string>& stop_words() {
  // Articles, prepositions, conjunctions, pronouns and auxiliaries; no word
  // that is also a name or an acronym once lower-cased ("us", "who", "it",
  // "may", "will", "can", "don").
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> w{
        "a",     "about", "after", "all",    "also", "an",    "and",    "any",    "are",  "as",   "at",
        "be",    "been",  "being", "but",    "by",   "could", "did",    "do",     "does", "for",  "from",
        "had",   "has",   "have",  "having", "he",   "her",   "here",   "hers",   "him",  "his",  "how",
        "i",     "if",    "in",    "into",   "is",   "its",   "itself", "me",     "more", "most", "my",
        "no",    "nor",   "not",   "of",     "on",   "or",    "other",  "our",    "ours", "she",  "should",
        "so",    "some",  "such",  "than",   "that", "the",   "their",  "theirs", "them", "then", "there",
        "these", "they",  "this",  "those",  "to",   "too",   "very",   "was",    "we",   "were", "what",
        "when",  "where", "which", "while",  "whom", "why",   "with",   "would",  "you",  "your", "yours"};
    std::sort(w.begin(), w.end());
    return w;
  }();
  return kWords;
}

bool is_stop_word(std::string_view lower_word) {
  const auto& w = stop_words();
  return std::binary_search(w.begin(), w.end(), lower_word);
}

}  // namespace newsdex
