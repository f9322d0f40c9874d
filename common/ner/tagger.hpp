#pragma once
// Tagging: the model's scores decoded by Viterbi into the best well-formed BILOU
// sequence (no I or L without a B, nothing left open at a sentence end), and raw text
// turned into entity mentions with byte offsets.
//   Model model = Model::load(default_model_path());
//   Tagger tagger(model);
//   for (const Mention& m : tagger.find({title, body})) ... m.type, m.field, m.begin, m.end
#include <limits>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ner/features.hpp"
#include "ner/model.hpp"
#include "ner/tags.hpp"

namespace newsdex::ner {

// Viterbi decoding of one sentence of n tokens into the best well-formed BILOU sequence
// (no I or L without its B, nothing open at the end). `emit(i, row)` adds the scores of
// token i's own features to row; `pair(i, prev, row)` adds those of the pair (prev, tag).
namespace detail {
// The tags that may follow each tag, computed at compile time.
struct Successors {
  std::array<std::array<std::uint8_t, kTagCount>, kTagCount> tags{};
  std::array<std::uint8_t, kTagCount> count{};
  constexpr Successors() {
    for (std::uint8_t p = 0; p < kTagCount; ++p) {
      for (std::uint8_t c = 0; c < kTagCount; ++c) {
        if (valid_transition(Tag{p}, Tag{c})) tags[p][count[p]++] = c;
      }
    }
  }
};
inline constexpr Successors kSuccessors{};
}  // namespace detail

template <typename Score, typename Emit, typename Pair>
void viterbi(std::size_t n, Emit&& emit, Pair&& pair, std::vector<Tag>& out, std::vector<Score>& scratch,
             std::vector<std::uint8_t>& back) {
  using Row = std::array<Score, kTagCount>;
  constexpr Score kNone = std::numeric_limits<Score>::lowest() / 4;
  scratch.assign(n * kTagCount, kNone);
  back.assign(n * kTagCount, 0);
  for (std::size_t i = 0; i < n; ++i) {
    Row e{};
    emit(i, e);
    Score* cur = &scratch[i * kTagCount];
    for (std::uint8_t p = 0; p < kTagCount; ++p) {
      const Tag prev{p};
      Score base;
      if (i == 0) {
        if (p != 0) continue;  // a sentence starts after O
        base = 0;
      } else {
        base = scratch[(i - 1) * kTagCount + p];
        if (base == kNone) continue;
      }
      Row pr{};
      pair(i, prev, pr);
      for (std::uint8_t k = 0; k < detail::kSuccessors.count[p]; ++k) {
        const std::uint8_t c = detail::kSuccessors.tags[p][k];
        if (i + 1 == n && Tag{c}.opens()) continue;
        const Score v = base + pr[c] + e[c];
        if (v > cur[c]) {
          cur[c] = v;
          back[i * kTagCount + c] = p;
        }
      }
    }
  }
  out.assign(n, Tag::outside());
  if (n == 0) return;
  std::uint8_t best = 0;
  const Score* last = &scratch[(n - 1) * kTagCount];
  for (std::uint8_t c = 1; c < kTagCount; ++c) {
    if (last[c] > last[best]) best = c;
  }
  for (std::size_t i = n; i-- > 0;) {
    out[i] = Tag{best};
    best = back[i * kTagCount + best];
  }
}

struct Mention {
  Type type = Type::per;
  std::uint32_t field = 0;  // index of the text in the list given to find()
  std::uint32_t begin = 0;  // byte offsets in that text
  std::uint32_t end = 0;
};

class Tagger {
 public:
  explicit Tagger(const Model& model);

  // Tags of one document's tokens.
  void tag(DocumentView doc, std::vector<Tag>& tags);

  // Entities in a document made of several texts (title, body): one document, so what
  // the title says informs the body. Offsets are bytes into each text.
  std::vector<Mention> find(std::span<const std::string_view> texts);

  // The same, also giving the tokens, sentences and tags behind the mentions.
  struct Trace {
    std::vector<TokenizedText> parts;  // one per text
    std::vector<Tag> tags;             // all tokens, text after text
  };
  std::vector<Mention> find(std::span<const std::string_view> texts, Trace& trace);

 private:
  const std::array<Scores, kTagCount>& pair_scores(const WordFacts& word);
  void apply_dictionary(std::uint32_t sentence_begin, std::vector<Tag>& tags);

  const Model& model_;
  FeatureExtractor features_;
  DocumentFeatures doc_;
  TagMemory memory_;
  std::vector<std::uint64_t> memory_keys_;
  std::vector<std::int32_t> scratch_;
  std::vector<std::uint8_t> back_;
  std::vector<Tag> sentence_tags_;
  std::vector<std::uint64_t> span_hashes_;
  std::array<Scores, kTagCount> transitions_{};  // scores of each (prev, tag) pair
  // Pair scores given a word shape (transition + transition-and-shape), by shape hash:
  // shapes are few, so this saves kTagCount lookups a token.
  std::unordered_map<std::uint64_t, std::array<Scores, kTagCount>> pair_cache_;
  // Scratch reused between calls of find().
  std::vector<std::string_view> words_;
  std::vector<Sentence> sentences_;
  std::vector<Tag> in_order_;
};

}  // namespace newsdex::ner
