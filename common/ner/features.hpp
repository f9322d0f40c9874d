#pragma once
// What the tagger looks at: for every token a list of feature keys (64-bit hashes of
// template + value), split into the static part, known before decoding (the word, its
// lower-cased form, shape, affixes, two words each side, gazetteer matches, document
// casing evidence), and the dynamic part, which depends on the tags already chosen
// (previous tags, how the same word was tagged earlier in the article).
//   FeatureExtractor fx(gazetteer);
//   DocumentFeatures doc; fx.extract({words, sentences}, doc);
//   for (Sentence s : doc.sentences) { fx.sentence_keys(s, doc); doc.static_keys(i) ... }
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ner/gazetteer.hpp"
#include "ner/tags.hpp"
#include "ner/tokenizer.hpp"
#include "ner/word_clusters.hpp"

namespace newsdex::ner {

// A document as the tagger sees it: its tokens' forms and its sentences.
struct DocumentView {
  std::span<const std::string_view> words;
  std::span<const Sentence> sentences;
};

// Per-token facts the dynamic features need, computed once per document.
struct WordFacts {
  std::uint64_t lower = 0;  // hash of the lower-cased form
  std::uint64_t shape = 0;  // hash of the compressed shape ("Xx", "X.X.", "d-d")
  bool capitalised = false;
  bool sentence_start = false;
};

// Sentences longer than this are decoded in pieces, so that memory stays bounded
// whatever the input (CoNLL's longest sentence has 124 tokens).
inline constexpr std::uint32_t kMaxSentenceTokens = 256;

struct DocumentFeatures {
  std::vector<WordFacts> facts;     // every token of the document
  std::vector<Sentence> sentences;  // the document's sentences, long ones cut in pieces
  // Static keys of one sentence at a time (FeatureExtractor::sentence_keys), token by token.
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> offsets{0};  // keys of token i: [offsets[i - first], offsets[i - first + 1])
  std::uint32_t first = 0;                // the sentence's first token

  std::span<const std::uint64_t> static_keys(std::size_t i) const {
    return {keys.data() + offsets[i - first], keys.data() + offsets[i - first + 1]};
  }
};

// How a word was tagged earlier in the same document: lower-case hash -> type + 1 (0 = never).
// Also how often each type (and O) was given to it so far.
class TagMemory {
 public:
  struct Entry {
    std::uint8_t last = 0;                 // type + 1 of the last entity tag; 0 = none
    std::array<std::uint8_t, 5> counts{};  // O, PER, LOC, ORG, MISC (saturating)
  };
  void clear() {
    // Open addressing, cleared slot by slot: a document costs no allocation once warm.
    for (const std::size_t i : used_) slots_[i].key = 0;
    used_.clear();
  }
  void remember(std::uint64_t lower, Tag tag) {
    if ((used_.size() + 1) * 2 > slots_.size()) grow();
    Entry& e = slot(lower);
    const std::size_t c = tag.is_outside() ? 0 : 1 + static_cast<std::size_t>(tag.type());
    if (c != 0) e.last = static_cast<std::uint8_t>(c);
    if (e.counts[c] < 255) ++e.counts[c];
  }
  const Entry* recall(std::uint64_t lower) const {
    const std::uint64_t k = lower | 1;  // key 0 marks an empty slot
    for (std::size_t i = k & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == 0) return nullptr;
      if (slots_[i].key == k) return &slots_[i].entry;
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    Entry entry;
  };
  Entry& slot(std::uint64_t lower) {
    const std::uint64_t k = lower | 1;
    for (std::size_t i = k & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == k) return slots_[i].entry;
      if (slots_[i].key == 0) {
        slots_[i] = Slot{k, Entry{}};
        used_.push_back(i);
        return slots_[i].entry;
      }
    }
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    used_.clear();
    for (const Slot& s : old) {
      if (s.key != 0) slot(s.key) = s.entry;
    }
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  std::vector<std::size_t> used_;
};

class FeatureExtractor {
 public:
  FeatureExtractor(const Gazetteer& gazetteer, const WordClusters& clusters)
      : gazetteer_(gazetteer), clusters_(clusters) {}

  // Per-token facts and document-wide evidence; then sentence_keys() for each of
  // out.sentences in turn.
  void extract(DocumentView doc, DocumentFeatures& out);
  void sentence_keys(Sentence sentence, DocumentFeatures& out);

  // Keys of the tag pair (prev, tag of token i): the transition itself, and the
  // transition given the token's shape. Each key's weight row is indexed by the tag of i.
  static std::uint64_t transition_key(Tag prev);
  static std::uint64_t transition_shape_key(Tag prev, const WordFacts& word);
  // Keys from how the token's word was tagged earlier in the document (in earlier
  // sentences: the memory is updated a sentence at a time). Appends to `out`.
  static void memory_keys(const WordFacts& word, const TagMemory& memory, std::vector<std::uint64_t>& out);

 private:
  static constexpr std::uint64_t kEdgeStart = 0x5354415254ULL, kEdgeEnd = 0x454e44ULL;  // "START", "END"
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::size_t kMaxContextOccurrences = 8;
  // Keys of the neighbours of the other occurrences of token i's word (context aggregation).
  void context_keys(std::uint32_t i, std::vector<std::uint64_t>& keys) const;

  const Gazetteer& gazetteer_;
  const WordClusters& clusters_;
  // Scratch reused between documents.
  std::vector<std::uint64_t> form_, lower_, shape_;
  std::vector<std::uint8_t> flags_;
  std::vector<std::uint64_t> prefix_, suffix_;
  std::vector<ClusterPath> cluster_;
  std::vector<ListHit> hits_, sentence_hits_;                  // the document's, one sentence's
  std::vector<std::uint32_t> hit_offsets_, sentence_offsets_;  // by token of the document, of the sentence
  std::unordered_set<std::uint64_t> seen_lower_, seen_title_mid_;
  std::vector<std::uint64_t> before_, after_;                     // lower-case neighbours, or an edge
  std::unordered_map<std::uint64_t, std::uint32_t> occurrences_;  // capitalised word -> its first token
  std::vector<std::uint32_t> next_occurrence_;                    // the same word's next token, or kNone
  DocumentView doc_;
  std::string scratch_;
};

}  // namespace newsdex::ner
