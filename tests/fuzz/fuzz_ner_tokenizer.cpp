// libFuzzer target: the entity tokenizer, tagger and canonical names on arbitrary bytes.
// Checks the tokenizer's invariants (offsets inside the text and increasing, sentences
// covering every token once), that tagging any input yields mentions inside it, and that
// the entities made of them are short one-line names, each once.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <set>

#include "entities/ner_extractor.hpp"
#include "fuzz_support.hpp"
#include "ner/model.hpp"
#include "ner/tagger.hpp"
#include "ner/tokenizer.hpp"

namespace {

const newsdex::ner::Model& model() {
  static const newsdex::ner::Model m = [] {
    try {
      return newsdex::ner::Model::load(newsdex::ner::default_model_path());
    } catch (...) {
      return newsdex::ner::Model{};  // no model: the tagger still runs, with zero weights
    }
  }();
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const newsdex::ner::TokenizedText t = newsdex::ner::tokenize(text);
  std::uint32_t last_end = 0;
  for (const auto& tok : t.tokens) {
    FUZZ_CHECK(tok.begin < tok.end && tok.end <= text.size() && tok.begin >= last_end && !tok.text.empty());
    last_end = tok.end;
  }
  std::uint32_t next = 0;
  for (const auto& s : t.sentences) {
    FUZZ_CHECK(s.begin == next && s.end > s.begin);
    next = s.end;
  }
  FUZZ_CHECK(next == t.tokens.size());

  // Split the input in two texts (title, body) to exercise the multi-text path.
  const std::size_t cut = size / 3;
  const std::string_view texts[] = {std::string_view(text).substr(0, cut), std::string_view(text).substr(cut)};
  static newsdex::ner::Tagger tagger(model());
  for (const auto& m : tagger.find(texts)) {
    FUZZ_CHECK(m.field < 2 && m.begin < m.end && m.end <= texts[m.field].size());
  }

  static newsdex::NerEntityExtractor extractor(model());
  newsdex::Article article;
  article.title = texts[0];
  article.body = texts[1];
  std::set<std::pair<int, std::string>> seen;
  for (const auto& e : extractor.extract(article)) {
    FUZZ_CHECK(!e.name.empty() && e.name.size() <= 100 && e.name.find('\n') == std::string::npos);
    FUZZ_CHECK(seen.emplace(static_cast<int>(e.type), e.name).second);
  }
  return 0;
}
