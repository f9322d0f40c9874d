#pragma once
// Tagging: the model's scores decoded greedily left to right into a well-formed BILOU
// sequence (no I or L without a B, nothing left open at a sentence end), and raw text
// turned into entity mentions with byte offsets.
//   Model model = Model::load(default_model_path());
//   Tagger tagger(model);
//   for (const Mention& m : tagger.find({title, body})) ... m.type, m.field, m.begin, m.end
#include <span>
#include <string_view>
#include <vector>

#include "ner/features.hpp"
#include "ner/model.hpp"
#include "ner/tags.hpp"

namespace newsdex::ner {

// One greedy decoding step: the best tag for a token after `prev` (`last` when the token
// ends its sentence). When `prev` opened an entity (B or I) and the best tag does not
// continue it, the entity is closed one token back instead of being dragged on:
// `close_prev` says to rewrite prev as U or L ("Khalil al-Hayya said": al-Hayya I -> L).
struct Step {
  Tag tag;
  bool close_prev = false;
};

template <typename ScoreArray>
Step best_step(const ScoreArray& scores, Tag prev, bool last) {
  Step best{Tag::outside(), false};
  bool found = false;
  for (std::uint8_t c = 0; c < kTagCount; ++c) {
    const Tag t{c};
    if (last && t.opens()) continue;
    const bool follows = valid_transition(prev, t);
    if (!follows && !(prev.opens() && valid_transition(Tag::outside(), t))) continue;
    if (!found || scores[c] > scores[best.tag.code]) {
      best = Step{t, !follows};
      found = true;
    }
  }
  return best;
}

// prev rewritten so that it ends its entity: B -> U, I -> L.
inline Tag closed(Tag prev) {
  return Tag::make(prev.position() == Position::begin ? Position::unit : Position::last, prev.type());
}

struct Mention {
  Type type = Type::per;
  std::uint32_t field = 0;  // index of the text in the list given to find()
  std::uint32_t begin = 0;  // byte offsets in that text
  std::uint32_t end = 0;
};

class Tagger {
 public:
  explicit Tagger(const Model& model) : model_(model), features_(model.gazetteer()) {}

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

  std::size_t tokens_seen() const { return tokens_; }

 private:
  const Model& model_;
  FeatureExtractor features_;
  DocumentFeatures doc_;
  TagMemory memory_;
  std::vector<std::uint64_t> dynamic_;
  std::size_t tokens_ = 0;
};

}  // namespace newsdex::ner
