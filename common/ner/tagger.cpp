#include "ner/tagger.hpp"

#include "ner/tokenizer.hpp"

namespace newsdex::ner {

Tagger::Tagger(const Model& model) : model_(model), features_(model.gazetteer(), model.clusters()) {
  for (std::uint8_t p = 0; p < kTagCount; ++p) {
    const std::uint64_t k = FeatureExtractor::transition_key(Tag{p});
    model_.add_scores({&k, 1}, transitions_[p]);
  }
}

const std::array<Scores, kTagCount>& Tagger::pair_scores(const WordFacts& word) {
  const auto it = pair_cache_.find(word.shape);
  if (it != pair_cache_.end()) return it->second;
  if (pair_cache_.size() >= 4096) pair_cache_.clear();  // ~5 MB at most, whatever the input
  std::array<Scores, kTagCount> rows = transitions_;
  for (std::uint8_t p = 0; p < kTagCount; ++p) {
    const std::uint64_t key = FeatureExtractor::transition_shape_key(Tag{p}, word);
    model_.add_scores({&key, 1}, rows[p]);
  }
  return pair_cache_.emplace(word.shape, rows).first->second;
}

// The dictionary layer, for names the training data barely covers: a span that is
// exactly an organisation of the project's own lists (armed groups, parties, media,
// government bodies...) and no place is an ORG ("Islamic Jihad"); a span that is
// exactly a weekday, month or other never-entity word, and no person's name, is dropped.
void Tagger::apply_dictionary(std::uint32_t sentence_begin, std::vector<Tag>& tags) {
  constexpr auto bit = [](List l) { return 1U << static_cast<unsigned>(l); };
  constexpr std::uint32_t kOrgLists = bit(List::media) | bit(List::armed_group) | bit(List::party) |
                                      bit(List::government) | bit(List::sports) | bit(List::company_news);
  constexpr std::uint32_t kPlaceLists = bit(List::country) | bit(List::capital) | bit(List::region) |
                                        bit(List::city_1m) | bit(List::city_100k) | bit(List::admin1);
  constexpr std::uint32_t kNameLists = bit(List::first_name) | bit(List::surname);
  for (const Span& span : spans_from_tags(tags)) {
    span_hashes_.clear();
    for (std::uint32_t k = span.begin; k < span.end; ++k) span_hashes_.push_back(doc_.facts[sentence_begin + k].lower);
    const std::uint32_t lists = model_.gazetteer().lists_of(span_hashes_);
    if (lists == 0) continue;
    if ((lists & kOrgLists) != 0 && (lists & kPlaceLists) == 0 && span.type != Type::org && span.type != Type::misc) {
      const std::vector<Tag> retagged =
          tags_from_spans({Span{0, span.end - span.begin, Type::org}}, span.end - span.begin);
      std::copy(retagged.begin(), retagged.end(), tags.begin() + span.begin);
    } else if ((lists & bit(List::not_entity)) != 0 && (lists & kNameLists) == 0) {
      std::fill(tags.begin() + span.begin, tags.begin() + span.end, Tag::outside());
    }
  }
}

void Tagger::tag(DocumentView doc, std::vector<Tag>& tags) {
  features_.extract(doc, doc_);
  memory_.clear();
  tags.assign(doc.words.size(), Tag::outside());
  for (const Sentence s : doc_.sentences) {
    features_.sentence_keys(s, doc_);
    const auto emit = [&](std::size_t k, Scores& row) {
      const std::size_t i = s.begin + k;
      if (i + 1 < s.end) model_.prefetch(doc_.static_keys(i + 1));
      model_.add_scores(doc_.static_keys(i), row);
      memory_keys_.clear();
      FeatureExtractor::memory_keys(doc_.facts[i], memory_, memory_keys_);
      model_.add_scores(memory_keys_, row);
    };
    const std::array<Scores, kTagCount>* pairs = nullptr;
    std::size_t pairs_for = SIZE_MAX;
    const auto pair = [&](std::size_t k, Tag prev, Scores& row) {
      if (pairs_for != k) {
        pairs = &pair_scores(doc_.facts[s.begin + k]);
        pairs_for = k;
      }
      row = (*pairs)[prev.code];
    };
    viterbi<std::int32_t>(s.end - s.begin, emit, pair, sentence_tags_, scratch_, back_);
    apply_dictionary(s.begin, sentence_tags_);
    for (std::uint32_t k = 0; k < sentence_tags_.size(); ++k) {
      tags[s.begin + k] = sentence_tags_[k];
      memory_.remember(doc_.facts[s.begin + k].lower, sentence_tags_[k]);
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
  std::vector<std::uint32_t> field_base;  // first token of each text, in text order
  std::uint32_t total = 0;
  for (const std::string_view text : texts) {
    parts.push_back(tokenize(text));
    field_base.push_back(total);
    total += static_cast<std::uint32_t>(parts.back().tokens.size());
  }
  // The first text (a title) is tagged last: headlines are often all capitals and say the
  // least, so what the body taught the document memory ("Blinken" is a person) helps them.
  std::vector<std::size_t> order(texts.size());
  for (std::size_t f = 0; f < order.size(); ++f) order[f] = (f + 1) % order.size();
  words_.clear();
  sentences_.clear();
  for (const std::size_t f : order) {
    const auto base = static_cast<std::uint32_t>(words_.size());
    for (const Token& t : parts[f].tokens) words_.push_back(t.text);
    for (const Sentence s : parts[f].sentences) sentences_.push_back({base + s.begin, base + s.end});
  }
  tag({words_, sentences_}, in_order_);
  // Back to text order; spans never cross a sentence, so they never cross texts either.
  std::vector<Tag>& tags = trace.tags;
  tags.assign(total, Tag::outside());
  std::uint32_t at = 0;
  for (const std::size_t f : order) {
    const auto n = static_cast<std::uint32_t>(parts[f].tokens.size());
    std::copy(in_order_.begin() + at, in_order_.begin() + at + n, tags.begin() + field_base[f]);
    at += n;
  }
  std::vector<Mention> mentions;
  std::size_t field = 0;
  for (const Span& span : spans_from_tags(tags)) {
    while (field + 1 < field_base.size() && span.begin >= field_base[field + 1]) ++field;
    const auto& toks = parts[field].tokens;
    mentions.push_back(Mention{span.type, static_cast<std::uint32_t>(field), toks[span.begin - field_base[field]].begin,
                               toks[span.end - 1 - field_base[field]].end});
  }
  return mentions;
}

}  // namespace newsdex::ner
