#include "search/suggestion.hpp"

#include <algorithm>
#include <vector>

#include "search/query_syntax.hpp"
#include "util/edit_distance.hpp"
#include "util/possessive.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

std::size_t utf8_lead_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  return 4;
}

// "Tony", "Élysée": its first letter is a capital as typed.
bool capitalised_as_typed(std::string_view word, SpellingEvidence& evidence) {
  if (word.empty()) return false;
  const std::size_t n = std::min(word.size(), utf8_lead_length(static_cast<unsigned char>(word[0])));
  const std::string first(word.substr(0, n));
  return evidence.lower(first) != first;
}

// One word of the query that spelling may correct: its bytes in the query
// (the possessive's "'s" not included) and what it is in the archive.
struct Word {
  std::size_t begin = 0, end = 0;
  std::string text;   // as typed, possessive removed
  std::string lower;  // as the index writes it
  bool spellable = false, known = true, name_like = false;
  bool done = false;  // part of an entity's name, or corrected
};

// Consecutive plain words: the query's unsigned, unfielded words, or one
// phrase's words. Names are looked for within a run.
using Run = std::vector<Word>;

struct Edit {
  std::size_t begin = 0, end = 0;
  std::string text;
};

Word word_at(std::string_view query, std::size_t begin, std::size_t end, SpellingEvidence& evidence) {
  Word w;
  std::string_view text = query.substr(begin, end - begin);
  if (const std::string_view base = possessive_base(text); !base.empty()) text = base;
  w.begin = begin;
  w.end = begin + text.size();
  w.text = std::string(text);
  w.spellable = utf8::letters_only(text);
  if (!w.spellable) return w;
  w.lower = evidence.lower(text);
  w.known = evidence.known(w.lower);
  const WordKind kind = w.known ? evidence.kind(w.lower) : WordKind::unknown;
  w.name_like = kind == WordKind::name || (kind == WordKind::unknown && capitalised_as_typed(text, evidence));
  return w;
}

// The words of a phrase's inside ("\"Tony Blaire\"" -> Tony, Blaire).
Run phrase_words(std::string_view query, const QueryToken& t, SpellingEvidence& evidence) {
  Run run;
  const std::size_t inside = t.begin + 1, stop = t.closed ? t.end - 1 : t.end;
  std::size_t i = inside;
  while (i < stop) {
    while (i < stop && query[i] == ' ') ++i;
    std::size_t j = i;
    while (j < stop && query[j] != ' ') ++j;
    if (j > i) run.push_back(word_at(query, i, j, evidence));
    i = j;
  }
  return run;
}

std::string joined(const Run& run, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) out += (out.empty() ? "" : " ") + run[k].text;
  return out;
}

void correct_run(Run& run, SpellingEvidence& evidence, bool few_matches, std::vector<Edit>& edits) {
  // Names first: the longest windows of name-like words, left to right.
  for (std::size_t length = std::min<std::size_t>(4, run.size()); length >= 2; --length) {
    for (std::size_t from = 0; from + length <= run.size(); ++from) {
      const auto window = run.begin() + static_cast<std::ptrdiff_t>(from);
      // Name-like words, or words the archive lacks beside one ("tony blaire").
      if (!std::all_of(window, window + static_cast<std::ptrdiff_t>(length),
                       [](const Word& w) { return w.spellable && (w.name_like || !w.known) && !w.done; }) ||
          std::none_of(window, window + static_cast<std::ptrdiff_t>(length), [](const Word& w) { return w.name_like; }))
        continue;
      const std::string name = joined(run, from, from + length);
      const auto mark = [&] {
        for (std::size_t k = from; k < from + length; ++k) run[k].done = true;
      };
      if (evidence.entity_articles(std::nullopt, name) > 0) {
        mark();  // a name the archive has, however it is spelt
        continue;
      }
      const bool unknown =
          std::any_of(window, window + static_cast<std::ptrdiff_t>(length), [](const Word& w) { return !w.known; });
      if (!unknown && !few_matches) continue;
      const auto found = evidence.nearest_entity(std::nullopt, name, max_edits_for(name.size()));
      if (!found || found->distance == 0) continue;
      edits.push_back({run[from].begin, run[from + length - 1].end, found->name});
      mark();
    }
  }
  // Then each word the archive lacks.
  for (Word& w : run) {
    if (w.done || !w.spellable || w.known) continue;
    const std::string near = evidence.nearest_word(w.lower, max_edits_for(w.lower.size()));
    if (near.empty() || near == w.lower) continue;
    edits.push_back({w.begin, w.end, evidence.kind(near) == WordKind::name ? evidence.capitalised(near) : near});
    w.done = true;
  }
}

std::optional<EntityType> filter_type(std::string_view field) {
  if (field == "person") return EntityType::person;
  if (field == "place") return EntityType::place;
  if (field == "org") return EntityType::org;
  return std::nullopt;
}

// person:Blare, place:"Tel Aviv": the filter's value is the nearest entity
// of its type when it names none.
void correct_filter(EntityType type, std::string_view query, std::size_t begin, std::size_t end,
                    SpellingEvidence& evidence, bool quoted, std::vector<Edit>& edits) {
  const std::string value(query.substr(begin, end - begin));
  if (value.empty() || evidence.entity_articles(type, value) > 0) return;
  const auto found = evidence.nearest_entity(type, value, max_edits_for(value.size()));
  if (!found || found->distance == 0) return;
  const bool needs_quotes = !quoted && found->name.find(' ') != std::string::npos;
  edits.push_back({begin, end, needs_quotes ? "\"" + found->name + "\"" : found->name});
}

}  // namespace

std::size_t max_edits_for(std::size_t bytes) {
  return bytes <= 5 ? 1 : 2;
}

std::string suggest_query(std::string_view query, SpellingEvidence& evidence, bool few_matches) {
  const auto tokens = tokenize_query(query);
  std::vector<Edit> edits;
  Run plain;  // the current run of plain words
  const auto flush = [&] {
    correct_run(plain, evidence, few_matches, edits);
    plain.clear();
  };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const QueryToken& t = tokens[k];
    if (t.kind == QueryToken::phrase) {
      flush();
      Run run = phrase_words(query, t, evidence);
      correct_run(run, evidence, few_matches, edits);
      continue;
    }
    if (t.kind != QueryToken::word) {
      flush();
      continue;
    }
    std::size_t begin = t.begin;
    if (query[begin] == '+' || query[begin] == '-') ++begin;
    std::string_view w = query.substr(begin, t.end - begin);
    const bool attached = k + 1 < tokens.size() && tokens[k + 1].begin == t.end;
    const std::string_view field = field_of(w, attached);
    if (field.empty() && begin == t.begin) {
      plain.push_back(word_at(query, begin, t.end, evidence));
      continue;
    }
    flush();
    const std::size_t value = begin + (field.empty() ? 0 : field.size() + 1);
    if (const auto type = filter_type(field)) {
      if (value < t.end) {
        correct_filter(*type, query, value, t.end, evidence, false, edits);
      } else if (attached && tokens[k + 1].kind == QueryToken::phrase) {
        const QueryToken& p = tokens[++k];
        correct_filter(*type, query, p.begin + 1, p.closed ? p.end - 1 : p.end, evidence, true, edits);
      }
    } else if (field.empty() || field == "title") {
      if (value < t.end) {
        Run one{word_at(query, value, t.end, evidence)};
        correct_run(one, evidence, few_matches, edits);
      }
    }
  }
  flush();
  if (edits.empty()) return {};
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t copied = 0;
  for (const Edit& e : edits) {
    if (e.begin < copied) continue;  // overlapping: the first stands
    out.append(query.substr(copied, e.begin - copied));
    out += e.text;
    copied = e.end;
  }
  out.append(query.substr(copied));
  return out == query ? std::string() : out;
}

}  // namespace newsdex
