#pragma once
// The English stemmer with a memo, for the store layer's two users: the
// indexer's TermGenerator and the Searcher (its QueryParser and snippets).
//   Xapian::Stem stem(new CachedStem);  // Xapian owns it
//   stem("elections") == "elect"
#include <xapian.h>

#include <string>
#include <unordered_map>

#include "schema/schema.hpp"

namespace newsdex {

// News repeats its words: Snowball was 11% of the indexer's instructions
// (callgrind, 1,500 Reuters articles) and of a batch of queries' (perf).
// Bounded: the memo starts again after kMaxWords distinct words.
class CachedStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (const auto it = memo_.find(word); it != memo_.end()) return it->second;
    if (memo_.size() >= kMaxWords) memo_.clear();
    return memo_.emplace(word, stem_(word)).first->second;
  }
  std::string get_description() const override { return "memoised " + stem_.get_description(); }

 private:
  static constexpr std::size_t kMaxWords = 1u << 18;
  Xapian::Stem stem_{std::string(schema::kStemLanguage)};
  std::unordered_map<std::string, std::string> memo_;
};

}  // namespace newsdex
