#include "search/suggestion.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "ascii_case.hpp"

#include "entities/keys.hpp"

namespace newsdex {
namespace {

// A small archive: its words (and which are names), their frequencies,
// and the entities its articles name.
class FakeArchive : public SpellingEvidence {
 public:
  std::string lower(std::string_view word) override { return test::ascii_lower(word); }
  std::string capitalised(std::string_view word) override { return test::ascii_capitalised(word); }
  WordKind kind(const std::string& w) override {
    const auto it = words_.find(w);
    return it == words_.end() ? WordKind::unknown : it->second.kind;
  }
  bool known(const std::string& w) override { return words_.count(w) > 0; }
  std::string nearest_word(const std::string& w, std::size_t max_edits) override {
    std::string best;
    std::size_t best_d = max_edits + 1, best_n = 0;
    for (const auto& [word, info] : words_) {
      const std::size_t d = edit_distance(word, w, max_edits);
      if (d < best_d || (d == best_d && d <= max_edits && info.frequency > best_n)) {
        best = word;
        best_d = d;
        best_n = info.frequency;
      }
    }
    return best_d <= max_edits ? best : std::string();
  }
  std::optional<EntityCandidate> nearest_entity(std::optional<EntityType> type, const std::string& name,
                                                std::size_t max_edits) override {
    std::optional<EntityCandidate> best;
    for (const auto& e : entities_) {
      if (type && *type != e.type) continue;
      const std::string key = entity_key(e.name), want = entity_key(name);
      std::size_t d = edit_distance(key, want, max_edits);
      if (e.type == EntityType::person && d > max_edits && want.find(' ') == std::string::npos) {
        d = edit_distance(key.substr(key.rfind(' ') + 1), want, max_edits);  // the surname
      }
      if (d > max_edits) continue;
      if (!best || d < best->distance || (d == best->distance && e.articles > best->articles)) {
        best = e;
        best->distance = d;
      }
    }
    return best;
  }
  std::size_t entity_articles(std::optional<EntityType> type, const std::string& name) override {
    for (const auto& e : entities_) {
      if ((!type || *type == e.type) && entity_key(e.name) == entity_key(name)) return e.articles;
    }
    return 0;
  }

 private:
  struct Info {
    WordKind kind;
    std::size_t frequency;
  };
  std::map<std::string, Info> words_{
      {"tony", {WordKind::name, 40}},  {"blair", {WordKind::name, 50}},    {"claire", {WordKind::name, 3}},
      {"arsene", {WordKind::name, 9}}, {"wenger", {WordKind::name, 9}},    {"wegner", {WordKind::name, 1}},
      {"oil", {WordKind::word, 80}},   {"prices", {WordKind::word, 70}},   {"ceasefire", {WordKind::word, 12}},
      {"gaza", {WordKind::name, 20}},  {"election", {WordKind::word, 30}}, {"labour", {WordKind::name, 25}},
      {"bank", {WordKind::word, 60}},  {"federer", {WordKind::name, 10}},  {"federal", {WordKind::word, 90}},
  };
  std::vector<EntityCandidate> entities_{
      {EntityType::person, "Tony Blair", 50, 0},    {EntityType::person, "Arsène Wenger", 9, 0},
      {EntityType::person, "Roger Federer", 10, 0}, {EntityType::place, "Gaza", 20, 0},
      {EntityType::org, "Labour Party", 25, 0},
  };
};

struct Case {
  const char* query;
  bool few_matches;
  const char* suggestion;  // "" for none
};

TEST(Suggestion, CorrectsTheWholeQueryInTheArchivesCase) {
  const Case cases[] = {
      {"Tony Blaire", true, "Tony Blair"},       // a name's run: the entity
      {"tony blaire", true, "Tony Blair"},       // the entity's name as it is written
      {"Tony Blaire's", true, "Tony Blair's"},   // the possessive stays
      {"Arsene Wegner", true, "Arsène Wenger"},  // every word known, nothing found: the entity
      {"Arsene Wegner", false, ""},              // every word known and found: left alone
      {"blaire", true, "Blair"},                 // a word: the nearest, in the archive's case
      {"OIL PRCES", false, "OIL prices"},        // only the corrected word changes, in lower case
      {"gaza ceasfire", false, "gaza ceasefire"},
      {"ceasfire electon", false, "ceasefire election"},  // several words at once
      {"Federer", true, ""},                              // known: never "federal"
      {"federer", true, ""},
      {"\xC2\xA3"
       "35bn",
       true, ""},                 // currency and digits are not spelling
      {"G7 summitt", false, ""},  // "summitt": nothing near in this archive
      {"x2 oill", false, "x2 oil"},
      {"\"Tony Blaire\" prices", true, "\"Tony Blair\" prices"},  // inside a phrase
      {"person:\"Tony Blare\"", true, "person:\"Tony Blair\""},   // a filter: its type's entity
      {"person:Wengr", true, "person:\"Arsène Wenger\""},         // a surname; quoted when the name has a space
      {"place:Gazza", true, "place:Gaza"},
      {"org:\"Labour Party\"", true, ""},  // an entity the archive has
      {"title:ceasfire", false, "title:ceasefire"},
      {"-blaire oil", false, "-Blair oil"},
      {"oil AND prices", true, ""},
      {"oil* qzxv", true, ""},  // wildcard left alone; nothing near "qzxv"
      {"", true, ""},
  };
  FakeArchive archive;
  for (const Case& c : cases) {
    EXPECT_EQ(suggest_query(c.query, archive, c.few_matches), c.suggestion)
        << "query '" << c.query << "' few_matches=" << c.few_matches;
  }
}

TEST(Suggestion, EditDistanceCountsSwapsOfNeighboursAsOne) {
  const struct {
    const char *a, *b;
    std::size_t limit, distance;
  } cases[] = {
      {"wegner", "wenger", 2, 1}, {"blair", "blair", 2, 0},    {"blaire", "blair", 2, 1}, {"blare", "blair", 2, 2},
      {"ab", "ba", 1, 1},         {"kitten", "sitting", 2, 3},  // more than the limit: limit + 1
      {"", "abc", 5, 3},          {"abcdef", "ab", 2, 3},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(edit_distance(c.a, c.b, c.limit), c.distance) << c.a << " / " << c.b;
  }
}

}  // namespace
}  // namespace newsdex
