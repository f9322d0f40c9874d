#include "ner/features.hpp"

#include <algorithm>

#include "ner/hashing.hpp"

namespace newsdex::ner {

namespace {

// Template ids: part of every key, so equal values under different templates differ.
enum Template : std::uint64_t {
  kBias = 1,
  kForm,
  kLower,
  kShape,
  kLowerPrev,
  kLowerNext,
  kLowerPrev2,
  kLowerNext2,
  kShapePrev,
  kShapeNext,
  kPrefix,
  kSuffix,
  kBigramPrev,
  kBigramNext,
  kShapeTrigram,
  kInitialShape,
  kCapsSentenceShape,
  kCapsSentenceLower,
  kListHit,
  kListHitPrev,
  kListHitNext,
  kLowerElsewhere,
  kTitleElsewhere,
  kFlags,
  kFormPrev,
  kFormNext,
  kCluster,
  kClusterPrev,
  kClusterNext,
  kContextPrev,
  kContextNext,
  kContextList,
  kTableShape,
  kTableLower,
  // dynamic
  kPrevTag,
  kPrevTagShape,
  kMemory,
  kMemoryShape,
  kHistory,
};

enum Flag : std::uint8_t {
  kCapitalised = 1,
  kAllCaps = 2,
  kHasDigit = 4,
  kHasLetter = 8,
  kSentenceStart = 16,
  kInCapsSentence = 32,
  kHasLower = 64,
  kInTable = 128,
};

inline std::uint64_t key(Template t, std::uint64_t value) {
  return combine(static_cast<std::uint64_t>(t), value);
}

// "Blinken" -> "Xx", "U.S." -> "X.X.", "1996-08-22" -> "d-d-d", "al-Hayya" -> "x-Xx".
std::uint64_t shape_hash(std::string_view w) {
  std::string s;
  char last = 0;
  for (const char c : w) {
    char k;
    if (c >= 'A' && c <= 'Z') {
      k = 'X';
    } else if (c >= 'a' && c <= 'z') {
      k = 'x';
    } else if (c >= '0' && c <= '9') {
      k = 'd';
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      k = 'u';
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // one per character
    } else {
      k = c;
    }
    if (k != last || !(k == 'X' || k == 'x' || k == 'd' || k == 'u')) s += k;
    last = k;
  }
  if (s.size() > 12) s.resize(12);
  return hash_text(s);
}

}  // namespace

void FeatureExtractor::extract(DocumentView doc, DocumentFeatures& out) {
  doc_ = doc;
  const std::size_t n = doc.words.size();
  form_.resize(n);
  lower_.resize(n);
  shape_.resize(n);
  flags_.assign(n, 0);
  prefix_.resize(n * 4);
  suffix_.resize(n * 4);
  cluster_.resize(n);
  out.facts.resize(n);
  out.sentences.clear();
  for (const Sentence s : doc.sentences) {
    for (std::uint32_t b = s.begin; b < s.end; b += kMaxSentenceTokens) {
      out.sentences.push_back({b, std::min(s.end, b + kMaxSentenceTokens)});
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view w = doc.words[i];
    scratch_.assign(w);
    std::uint8_t f = 0;
    bool all_upper = true;
    for (char& c : scratch_) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c + 32);
        f |= kHasLetter;
      } else if (c >= 'a' && c <= 'z') {
        f |= kHasLetter | kHasLower;
        all_upper = false;
      } else if (c >= '0' && c <= '9') {
        f |= kHasDigit;
      }
    }
    if (!w.empty()) {
      const auto b0 = static_cast<unsigned char>(w[0]);
      const auto b1 = w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0;
      // ASCII capitals and Latin-1 ones ("Élysée", "Ölander": C3 80..9E, not the sign ×).
      if ((b0 >= 'A' && b0 <= 'Z') || (b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97)) f |= kCapitalised;
    }
    if ((f & kHasLetter) != 0 && all_upper && w.size() > 1) f |= kAllCaps;
    flags_[i] = f;
    form_[i] = hash_text(w);
    lower_[i] = hash_text(scratch_);
    shape_[i] = shape_hash(w);
    // The word's cluster as written; else as "Brussels" for BRUSSELS; else lower-cased.
    ClusterPath path = clusters_.find(form_[i]);
    if (path.length == 0 && (f & kHasLetter) != 0 && all_upper && scratch_.size() > 1) {
      std::string title = scratch_;
      title[0] = static_cast<char>(title[0] >= 'a' && title[0] <= 'z' ? title[0] - 32 : title[0]);
      path = clusters_.find(hash_text(title));
    }
    if (path.length == 0) path = clusters_.find(lower_[i]);
    cluster_[i] = path;
    for (std::size_t k = 0; k < 4; ++k) {
      const std::size_t len = std::min(k + 1, scratch_.size());
      prefix_[i * 4 + k] = hash_text(std::string_view(scratch_).substr(0, len));
      suffix_[i * 4 + k] = hash_text(std::string_view(scratch_).substr(scratch_.size() - len));
    }
  }

  // Document evidence about casing: a capitalised word at a sentence start or in an
  // all-caps headline is likelier a name when it is capitalised mid-sentence elsewhere,
  // and likelier a common word when it appears in lower case elsewhere.
  seen_lower_.clear();
  seen_title_mid_.clear();
  std::vector<bool> caps_sentence(doc.sentences.size(), false);
  for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence sent = doc.sentences[s];
    std::size_t words = 0, caps = 0, numbers = 0;
    for (std::uint32_t i = sent.begin; i < sent.end; ++i) {
      if ((flags_[i] & kHasDigit) != 0 && (flags_[i] & kHasLetter) == 0) ++numbers;
      if ((flags_[i] & kHasLetter) == 0) continue;
      ++words;
      if ((flags_[i] & kAllCaps) != 0) ++caps;
    }
    caps_sentence[s] = words >= 2 && caps * 10 >= words * 6;
    // A line of a table (results, scores, prices): a quarter of it numbers.
    const bool table = sent.end - sent.begin >= 3 && numbers * 4 >= sent.end - sent.begin;
    for (std::uint32_t i = sent.begin; i < sent.end; ++i) {
      if (i == sent.begin) flags_[i] |= kSentenceStart;
      if (caps_sentence[s]) flags_[i] |= kInCapsSentence;
      if (table) flags_[i] |= kInTable;
      const std::string_view w = doc.words[i];
      if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') seen_lower_.insert(lower_[i]);
      if (i != sent.begin && !caps_sentence[s] && (flags_[i] & kCapitalised) != 0 && (flags_[i] & kAllCaps) == 0) {
        seen_title_mid_.insert(lower_[i]);
      }
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t f = flags_[i];
    out.facts[i] = WordFacts{lower_[i], shape_[i], (f & kCapitalised) != 0, (f & kSentenceStart) != 0};
  }

  // Gazetteer matches of the whole document, sentence by sentence (a phrase
  // never crosses a sentence): hits_[hit_offsets_[i]..hit_offsets_[i + 1]) are token i's.
  hits_.clear();
  hit_offsets_.assign(1, 0);
  for (const Sentence s : out.sentences) {
    while (hit_offsets_.size() <= s.begin) hit_offsets_.push_back(static_cast<std::uint32_t>(hits_.size()));
    const std::span<const std::uint64_t> lowers(lower_.data() + s.begin, s.end - s.begin);
    gazetteer_.match(lowers, sentence_hits_, sentence_offsets_);
    const auto base = static_cast<std::uint32_t>(hits_.size());
    hits_.insert(hits_.end(), sentence_hits_.begin(), sentence_hits_.end());
    for (std::uint32_t k = 1; k <= s.end - s.begin; ++k) hit_offsets_.push_back(base + sentence_offsets_[k]);
  }
  while (hit_offsets_.size() <= n) hit_offsets_.push_back(static_cast<std::uint32_t>(hits_.size()));

  // Context aggregation (Ratinov & Roth 2009): the words around the other
  // places a capitalised word occurs in the document, so that "Lynch" in a
  // headline learns from "Merrill Lynch said" further down. The neighbours of
  // every occurrence are kept, sentence edges marked.
  before_.assign(n, kEdgeStart);
  after_.assign(n, kEdgeEnd);
  for (const Sentence s : doc.sentences) {
    for (std::uint32_t i = s.begin; i < s.end; ++i) {
      if (i > s.begin) before_[i] = lower_[i - 1];
      if (i + 1 < s.end) after_[i] = lower_[i + 1];
    }
  }
  occurrences_.clear();
  next_occurrence_.assign(n, kNone);
  for (std::size_t i = n; i-- > 0;) {
    if ((flags_[i] & (kCapitalised | kAllCaps)) == 0 || (flags_[i] & kHasLetter) == 0) continue;
    auto [it, added] = occurrences_.try_emplace(lower_[i], static_cast<std::uint32_t>(i));
    if (!added) {
      next_occurrence_[i] = it->second;  // a chain from the first occurrence to the last
      it->second = static_cast<std::uint32_t>(i);
    }
  }
}

void FeatureExtractor::sentence_keys(Sentence sent, DocumentFeatures& out) {
  std::vector<std::uint64_t>& keys = out.keys;
  keys.clear();
  out.offsets.assign(1, 0);
  out.first = sent.begin;
  {
    const auto at = [&](const std::vector<std::uint64_t>& v, std::int64_t j, std::uint64_t edge) {
      return j < static_cast<std::int64_t>(sent.begin) || j >= static_cast<std::int64_t>(sent.end)
                 ? edge
                 : v[static_cast<std::size_t>(j)];
    };
    constexpr std::uint64_t kStart = kEdgeStart, kEnd = kEdgeEnd;
    for (std::uint32_t i = sent.begin; i < sent.end; ++i) {
      const auto ii = static_cast<std::int64_t>(i);
      const std::uint8_t f = flags_[i];
      const std::uint64_t lp = at(lower_, ii - 1, kStart), ln = at(lower_, ii + 1, kEnd);
      const std::uint64_t sp = at(shape_, ii - 1, kStart), sn = at(shape_, ii + 1, kEnd);
      keys.push_back(key(kBias, 0));
      keys.push_back(key(kForm, form_[i]));
      keys.push_back(key(kLower, lower_[i]));
      keys.push_back(key(kShape, shape_[i]));
      keys.push_back(key(kLowerPrev, lp));
      keys.push_back(key(kLowerNext, ln));
      keys.push_back(key(kLowerPrev2, at(lower_, ii - 2, kStart)));
      keys.push_back(key(kLowerNext2, at(lower_, ii + 2, kEnd)));
      keys.push_back(key(kShapePrev, sp));
      keys.push_back(key(kShapeNext, sn));
      keys.push_back(key(kFormPrev, at(form_, ii - 1, kStart)));
      keys.push_back(key(kFormNext, at(form_, ii + 1, kEnd)));
      for (std::size_t k = 0; k < 4; ++k) {
        keys.push_back(key(kPrefix, combine(k, prefix_[i * 4 + k])));
        keys.push_back(key(kSuffix, combine(k, suffix_[i * 4 + k])));
      }
      if (cluster_[i].length > 0) {
        for (const unsigned bits : {4U, 6U, 10U, 20U}) keys.push_back(key(kCluster, cluster_[i].prefix(bits)));
      }
      if (i > sent.begin && cluster_[i - 1].length > 0) {
        for (const unsigned bits : {6U, 12U}) keys.push_back(key(kClusterPrev, cluster_[i - 1].prefix(bits)));
      }
      if (i + 1 < sent.end && cluster_[i + 1].length > 0) {
        for (const unsigned bits : {6U, 12U}) keys.push_back(key(kClusterNext, cluster_[i + 1].prefix(bits)));
      }
      keys.push_back(key(kBigramPrev, combine(lp, lower_[i])));
      keys.push_back(key(kBigramNext, combine(lower_[i], ln)));
      keys.push_back(key(kShapeTrigram, combine(combine(sp, shape_[i]), sn)));
      keys.push_back(key(kFlags, f));
      if ((f & kSentenceStart) != 0) keys.push_back(key(kInitialShape, shape_[i]));
      if ((f & kInTable) != 0 && (f & kHasLetter) != 0) {
        keys.push_back(key(kTableShape, shape_[i]));
        keys.push_back(key(kTableLower, lower_[i]));
      }
      if ((f & kInCapsSentence) != 0) {
        keys.push_back(key(kCapsSentenceShape, shape_[i]));
        keys.push_back(key(kCapsSentenceLower, lower_[i]));
      }
      const bool cased_doubt = (f & (kSentenceStart | kInCapsSentence | kAllCaps)) != 0;
      if ((f & kHasLetter) != 0 && (cased_doubt || (f & kCapitalised) != 0)) {
        const std::uint64_t evidence = (seen_lower_.count(lower_[i]) ? 1U : 0U) |
                                       (seen_title_mid_.count(lower_[i]) ? 2U : 0U) | (cased_doubt ? 4U : 0U);
        keys.push_back(key(kLowerElsewhere, evidence));
      }
      if ((f & (kCapitalised | kAllCaps)) != 0 && (f & kHasLetter) != 0) context_keys(i, keys);
      const std::uint64_t cap_class = (f & kAllCaps) ? 2 : (f & kCapitalised) ? 1 : 0;
      for (std::uint32_t h = hit_offsets_[i]; h < hit_offsets_[i + 1]; ++h) {
        const ListHit hit = hits_[h];
        const std::uint64_t code = static_cast<std::uint64_t>(hit.list) * 4 + hit.position;
        keys.push_back(key(kListHit, code * 4 + cap_class));
        keys.push_back(key(kListHit, code * 4 + 3));  // regardless of case
      }
      if (i > sent.begin) {
        for (std::uint32_t h = hit_offsets_[i - 1]; h < hit_offsets_[i]; ++h) {
          keys.push_back(key(kListHitPrev, static_cast<std::uint64_t>(hits_[h].list) * 4 + hits_[h].position));
        }
      }
      if (i + 1 < sent.end) {
        for (std::uint32_t h = hit_offsets_[i + 1]; h < hit_offsets_[i + 2]; ++h) {
          keys.push_back(key(kListHitNext, static_cast<std::uint64_t>(hits_[h].list) * 4 + hits_[h].position));
        }
      }
      out.offsets.push_back(static_cast<std::uint32_t>(keys.size()));
    }
  }
}

void FeatureExtractor::context_keys(std::uint32_t i, std::vector<std::uint64_t>& keys) const {
  const auto first = occurrences_.find(lower_[i]);
  if (first == occurrences_.end()) return;
  const std::size_t from = keys.size();
  std::size_t seen = 0;
  for (std::uint32_t j = first->second; j != kNone && seen < kMaxContextOccurrences; j = next_occurrence_[j]) {
    if (j == i) continue;
    ++seen;
    keys.push_back(key(kContextPrev, before_[j]));
    keys.push_back(key(kContextNext, after_[j]));
    for (std::uint32_t h = hit_offsets_[j]; h < hit_offsets_[j + 1]; ++h) {
      keys.push_back(key(kContextList, static_cast<std::uint64_t>(hits_[h].list) * 4 + hits_[h].position));
    }
  }
  // Each neighbour once: a word repeated ten times after "Mr" is one piece of evidence.
  std::sort(keys.begin() + static_cast<std::ptrdiff_t>(from), keys.end());
  keys.erase(std::unique(keys.begin() + static_cast<std::ptrdiff_t>(from), keys.end()), keys.end());
}

std::uint64_t FeatureExtractor::transition_key(Tag prev) {
  return key(kPrevTag, prev.code);
}

std::uint64_t FeatureExtractor::transition_shape_key(Tag prev, const WordFacts& word) {
  return key(kPrevTagShape, combine(prev.code, word.shape));
}

void FeatureExtractor::memory_keys(const WordFacts& w, const TagMemory& memory, std::vector<std::uint64_t>& out) {
  const TagMemory::Entry* e = memory.recall(w.lower);
  const std::uint8_t earlier = e == nullptr ? 0 : e->last;
  const std::uint64_t cased = (w.capitalised ? 2U : 0U) + (w.sentence_start ? 1U : 0U);
  out.push_back(key(kMemory, earlier * 4ULL + cased));
  if (earlier != 0) out.push_back(key(kMemoryShape, combine(earlier, w.shape)));
  if (e == nullptr) return;
  // The distribution of earlier labels (Ratinov & Roth's extended prediction history).
  unsigned total = 0;
  for (const auto c : e->counts) total += c;
  for (std::size_t c = 0; c < e->counts.size(); ++c) {
    if (e->counts[c] == 0) continue;
    const unsigned share = e->counts[c] * 100U / total;
    const std::uint64_t bucket = share >= 99 ? 3 : share >= 50 ? 2 : share >= 20 ? 1 : 0;
    out.push_back(key(kHistory, (c * 4 + bucket) * 4 + cased));
  }
}

}  // namespace newsdex::ner
