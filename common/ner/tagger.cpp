#include "ner/tagger.hpp"

#include "ner/tokenizer.hpp"

namespace newsdex::ner {

void Tagger::tag(DocumentView doc, std::vector<Tag>& tags) {
  features_.extract(doc, doc_);
  memory_.clear();
  tags.assign(doc.words.size(), Tag::outside());
  tokens_ += doc.words.size();
  for (const Sentence s : doc.sentences) {
    Tag prev = Tag::outside(), prev2 = Tag::outside();
    for (std::uint32_t i = s.begin; i < s.end; ++i) {
      Scores scores{};
      const auto keys = doc_.static_keys(i);
      if (i + 1 < s.end) model_.prefetch(doc_.static_keys(i + 1));
      model_.add_scores(keys, scores);
      dynamic_.clear();
      FeatureExtractor::dynamic_keys(doc_, i, prev, prev2, memory_, dynamic_);
      model_.add_scores(dynamic_, scores);
      const Step step = best_step(scores, prev, i + 1 == s.end);
      const Tag t = step.tag;
      if (step.close_prev) tags[i - 1] = closed(prev);
      tags[i] = t;
      memory_.remember(doc_.facts[i].lower, t);
      prev2 = prev;
      prev = t;
    }
  }
}

std::vector<Mention> Tagger::find(std::span<const std::string_view> texts) {
  Trace trace;
  return find(texts, trace);
}

std::vector<Mention> Tagger::find(std::span<const std::string_view> texts, Trace& trace) {
  std::vector<TokenizedText>& parts = trace.parts;
  parts.clear();
  parts.reserve(texts.size());
  std::vector<std::string_view> words;
  std::vector<Sentence> sentences;
  std::vector<std::uint32_t> field_of_token;
  for (std::size_t f = 0; f < texts.size(); ++f) {
    parts.push_back(tokenize(texts[f]));
    const auto base = static_cast<std::uint32_t>(words.size());
    for (const Token& t : parts.back().tokens) {
      words.push_back(t.text);
      field_of_token.push_back(static_cast<std::uint32_t>(f));
    }
    for (const Sentence s : parts.back().sentences) sentences.push_back({base + s.begin, base + s.end});
  }
  std::vector<Tag>& tags = trace.tags;
  tag({words, sentences}, tags);
  std::vector<Mention> mentions;
  std::uint32_t base = 0;
  std::size_t part = 0;
  for (const Span& span : spans_from_tags(tags)) {
    const std::uint32_t field = field_of_token[span.begin];
    while (part < field) base += static_cast<std::uint32_t>(parts[part++].tokens.size());
    const auto& toks = parts[field].tokens;
    mentions.push_back(Mention{span.type, field, toks[span.begin - base].begin, toks[span.end - 1 - base].end});
  }
  return mentions;
}

}  // namespace newsdex::ner
