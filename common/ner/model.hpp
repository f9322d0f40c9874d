#pragma once
// A trained tagger model: feature weights (one row of kTagCount scores per feature
// key, quantised to 16 bits), the gazetteer it was trained with and the name tables of
// the entities stage, in one gzip file.
//   Model m = Model::load("ner.model");
//   int32_t scores[kTagCount] = {}; m.add_scores(keys, scores);
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "ner/flat_map.hpp"
#include "ner/gazetteer.hpp"
#include "ner/tags.hpp"
#include "ner/word_clusters.hpp"

namespace newsdex::ner {

using Scores = std::array<std::int32_t, kTagCount>;

class Model {
 public:
  // Rows: key -> kTagCount float weights; quantised with one scale for the whole model.
  // Features whose largest |weight| is below `prune` are dropped.
  static Model from_weights(const std::vector<std::pair<std::uint64_t, std::array<float, kTagCount>>>& rows,
                            Gazetteer gazetteer, WordClusters clusters, std::string info, float prune);

  static Model load(const std::filesystem::path& path);  // throws InputError
  void save(const std::filesystem::path& path) const;    // throws Error

  void add_scores(std::span<const std::uint64_t> keys, Scores& scores) const {
    for (const std::uint64_t k : keys) {
      const std::uint32_t row = index_.find(k);
      if (row == 0) continue;
      const std::int16_t* w = &weights_[(row - 1) * kTagCount];
      for (int t = 0; t < kTagCount; ++t) scores[static_cast<std::size_t>(t)] += w[t];
    }
  }
  void prefetch(std::span<const std::uint64_t> keys) const {
    for (const std::uint64_t k : keys) index_.prefetch(k);
  }

  const Gazetteer& gazetteer() const { return gazetteer_; }
  const WordClusters& clusters() const { return clusters_; }
  const std::string& info() const { return info_; }  // JSON text: how it was trained
  // Name tables for turning mentions into canonical entities (country aliases, person
  // titles, demonyms): TSV text read by the entities stage, opaque to the tagger.
  const std::string& names() const { return names_; }
  void set_names(std::string names) { names_ = std::move(names); }
  std::size_t features() const { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::int16_t> weights_;  // keys_.size() x kTagCount
  FlatMap index_;                      // key -> row + 1
  Gazetteer gazetteer_;
  WordClusters clusters_;
  std::string info_;
  std::string names_;

  void build_index();
};

// The model the tools use when none is given: $NEWSDEX_NER_MODEL, then ner.model next
// to the executable, then <exe>/../share/newsdex/ner.model, then the source tree's
// models/ner.model. Throws InputError naming the places looked at.
std::filesystem::path default_model_path();

}  // namespace newsdex::ner
