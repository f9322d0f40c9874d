#include "ner/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <unordered_map>

#include "ner/tagger.hpp"
#include "ner/tokenizer.hpp"
#include "util/errors.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex::ner {

namespace {

// Perceptron weights with lazy averaging: each row remembers when it last changed, so
// an update costs the features it touches, not the whole model.
class Weights {
 public:
  void score(std::span<const std::uint64_t> keys, std::array<float, kTagCount>& scores) const {
    for (const std::uint64_t k : keys) {
      const auto it = ids_.find(k);
      if (it == ids_.end()) continue;
      const float* w = &w_[it->second * kTagCount];
      for (int t = 0; t < kTagCount; ++t) scores[static_cast<std::size_t>(t)] += w[t];
    }
  }

  void add(std::span<const std::uint64_t> keys, Tag tag, float amount) {
    for (const std::uint64_t k : keys) {
      const std::size_t row = row_of(k);
      catch_up(row);
      w_[row * kTagCount + tag.code] += amount;
    }
  }

  void tick() { ++clock_; }
  std::size_t size() const { return ids_.size(); }

  std::vector<std::pair<std::uint64_t, std::array<float, kTagCount>>> averaged() const {
    std::vector<std::pair<std::uint64_t, std::array<float, kTagCount>>> rows;
    rows.reserve(ids_.size());
    const double clock = std::max<double>(1.0, static_cast<double>(clock_));
    for (const auto& [key, row] : ids_) {
      std::array<float, kTagCount> avg{};
      const double since = static_cast<double>(clock_ - stamp_[row]);
      for (std::size_t t = 0; t < kTagCount; ++t) {
        const double total = total_[row * kTagCount + t] + w_[row * kTagCount + t] * since;
        avg[t] = static_cast<float>(total / clock);
      }
      rows.emplace_back(key, avg);
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return rows;
  }

 private:
  std::size_t row_of(std::uint64_t key) {
    const auto [it, added] = ids_.try_emplace(key, ids_.size());
    if (added) {
      w_.resize(w_.size() + kTagCount, 0.0F);
      total_.resize(total_.size() + kTagCount, 0.0);
      stamp_.push_back(clock_);
    }
    return it->second;
  }
  void catch_up(std::size_t row) {
    const double since = static_cast<double>(clock_ - stamp_[row]);
    if (since == 0) return;
    for (std::size_t t = 0; t < kTagCount; ++t) total_[row * kTagCount + t] += w_[row * kTagCount + t] * since;
    stamp_[row] = clock_;
  }

  std::unordered_map<std::uint64_t, std::size_t> ids_;
  std::vector<float> w_;
  std::vector<double> total_;
  std::vector<std::uint64_t> stamp_;
  std::uint64_t clock_ = 0;
};

struct Example {
  const LabeledDocument* doc;
  float weight;
};

std::vector<std::string_view> views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

std::string info_json(const TrainOptions& o, int epochs, std::size_t features) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const TrainFile& f : o.files) files.push_back({{"file", f.path.filename().string()}, {"weight", f.weight}});
  return nlohmann::ordered_json{{"trainer", "averaged structured perceptron, Viterbi over BILOU"},
                                {"epochs", epochs},
                                {"holdout_every", o.holdout_every},
                                {"runs", o.runs},
                                {"features", features},
                                {"files", files}}
      .dump();
}

}  // namespace

Score evaluate(const Model& model, const std::vector<LabeledDocument>& docs,
               std::vector<std::vector<std::string>>* predicted) {
  Tagger tagger(model);
  Score score;
  std::vector<Tag> tags;
  if (predicted != nullptr) predicted->clear();
  for (const LabeledDocument& d : docs) {
    const auto words = views(d.words);
    tagger.tag({words, d.sentences}, tags);
    if (predicted != nullptr) predicted->emplace_back(d.words.size(), "O");
    for (const Sentence s : d.sentences) {
      const std::vector<std::string> gold_labels(d.labels.begin() + s.begin, d.labels.begin() + s.end);
      const std::vector<Tag> sentence(tags.begin() + s.begin, tags.begin() + s.end);
      const std::vector<Span> spans = spans_from_tags(sentence);
      score.add(spans_from_iob(gold_labels), spans);
      if (predicted != nullptr) {
        const auto labels = iob2_from_spans(spans, sentence.size());
        std::copy(labels.begin(), labels.end(), predicted->back().begin() + s.begin);
      }
    }
    score.tokens += d.words.size();
  }
  return score;
}

Model train(const TrainOptions& options, Gazetteer gazetteer, const std::function<void(const EpochReport&)>& report) {
  if (options.files.empty()) throw UsageError("no training files given");
  std::vector<std::vector<LabeledDocument>> files;
  std::vector<Example> examples;
  std::vector<LabeledDocument> heldout;
  for (const TrainFile& f : options.files) files.push_back(read_bio(f.path));
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    for (std::size_t d = 0; d < files[fi].size(); ++d) {
      if (is_held_out(d, options.holdout_every)) {
        if (fi == 0) heldout.push_back(files[fi][d]);
        continue;
      }
      examples.push_back({&files[fi][d], options.files[fi].weight});
    }
  }
  // Gold BILOU tags once, per document.
  std::unordered_map<const LabeledDocument*, std::vector<Tag>> gold;
  for (const Example& e : examples) {
    std::vector<Tag> tags(e.doc->words.size(), Tag::outside());
    for (const Sentence s : e.doc->sentences) {
      const std::vector<std::string> labels(e.doc->labels.begin() + s.begin, e.doc->labels.begin() + s.end);
      const auto st = tags_from_spans(spans_from_iob(labels), s.end - s.begin);
      std::copy(st.begin(), st.end(), tags.begin() + s.begin);
    }
    gold.emplace(e.doc, std::move(tags));
  }

  WordClusters clusters;
  if (!options.clusters.empty()) clusters.load_paths(options.clusters);
  // Several runs in other orders, their averaged weights averaged again
  // (a perceptron's answer depends on the order it saw the examples in).
  std::unordered_map<std::uint64_t, std::array<float, kTagCount>> summed;
  const int runs = std::max(1, options.runs);
  for (int run = 0; run < runs; ++run) {
  Weights weights;
  FeatureExtractor fx(gazetteer, clusters);
  DocumentFeatures feats;
  TagMemory memory;
  std::vector<std::vector<std::uint64_t>> memory_keys;
  std::vector<Tag> predicted;
  std::vector<float> scratch;
  std::vector<std::uint8_t> back;
  std::mt19937 rng(options.seed + static_cast<unsigned>(run));
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto started = std::chrono::steady_clock::now();
    std::shuffle(examples.begin(), examples.end(), rng);
    EpochReport r;
    r.epoch = epoch;
    for (const Example& e : examples) {
      const auto words = views(e.doc->words);
      fx.extract({words, e.doc->sentences}, feats);
      memory.clear();
      const std::vector<Tag>& g = gold.at(e.doc);
      for (const Sentence s : feats.sentences) {
        fx.sentence_keys(s, feats);
        const std::size_t n = s.end - s.begin;
        memory_keys.resize(std::max(memory_keys.size(), n));
        const auto emit = [&](std::size_t k, std::array<float, kTagCount>& row) {
          weights.score(feats.static_keys(s.begin + k), row);
          memory_keys[k].clear();
          FeatureExtractor::memory_keys(feats.facts[s.begin + k], memory, memory_keys[k]);
          weights.score(memory_keys[k], row);
        };
        const auto pair = [&](std::size_t k, Tag prev, std::array<float, kTagCount>& row) {
          const std::array<std::uint64_t, 2> keys = {
              FeatureExtractor::transition_key(prev),
              FeatureExtractor::transition_shape_key(prev, feats.facts[s.begin + k])};
          weights.score(keys, row);
        };
        viterbi<float>(n, emit, pair, predicted, scratch, back);
        // Structured perceptron: where the paths differ, reward the gold path's features
        // and penalise the predicted path's.
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = s.begin + k;
          const Tag gp = k == 0 ? Tag::outside() : g[i - 1], pp = k == 0 ? Tag::outside() : predicted[k - 1];
          const Tag gt = g[i], pt = predicted[k];
          if (gt != pt) {
            weights.add(feats.static_keys(i), gt, e.weight);
            weights.add(feats.static_keys(i), pt, -e.weight);
            weights.add(memory_keys[k], gt, e.weight);
            weights.add(memory_keys[k], pt, -e.weight);
            ++r.errors;
          }
          if (gt != pt || gp != pp) {
            const std::array<std::uint64_t, 2> gold_pair = {FeatureExtractor::transition_key(gp),
                                                            FeatureExtractor::transition_shape_key(gp, feats.facts[i])};
            const std::array<std::uint64_t, 2> pred_pair = {FeatureExtractor::transition_key(pp),
                                                            FeatureExtractor::transition_shape_key(pp, feats.facts[i])};
            weights.add(gold_pair, gt, e.weight);
            weights.add(pred_pair, pt, -e.weight);
          }
          weights.tick();
        }
        // The document's memory learns from what the tagger said, as at tagging time.
        for (std::size_t k = 0; k < n; ++k) memory.remember(feats.facts[s.begin + k].lower, predicted[k]);
      }
      r.tokens += e.doc->words.size();
    }
    r.features = weights.size();
    if (!heldout.empty()) {
      const Model snapshot = Model::from_weights(weights.averaged(), gazetteer, clusters, "", options.prune);
      r.heldout = evaluate(snapshot, heldout);
      r.has_heldout = true;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (report) report(r);
  }
  for (const auto& [key, row] : weights.averaged()) {
    auto& sum = summed[key];
    for (std::size_t t = 0; t < kTagCount; ++t) sum[t] += row[t] / static_cast<float>(runs);
  }
  }
  std::vector<std::pair<std::uint64_t, std::array<float, kTagCount>>> rows(summed.begin(), summed.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return Model::from_weights(rows, std::move(gazetteer), std::move(clusters),
                             info_json(options, options.epochs, rows.size()), options.prune);
}

// ---------------------------------------------------------------------------------------
// Gazetteers

namespace {

// Rows of a TSV list (the first line is a '#' header): the columns of each row.
std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read gazetteer " + path.string() + "; is ../shared/data/gazetteers complete?");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto parts = split(line, '\t');
    rows.emplace_back(parts.begin(), parts.end());
  }
  return rows;
}

std::vector<std::string> lower_tokens(std::string_view name) {
  const TokenizedText t = tokenize(name);
  std::vector<std::string> out;
  for (const Token& tok : t.tokens) out.push_back(utf8::ascii_lower(tok.text));
  return out;
}

// "Apple Inc." -> "Apple"; "Foo Holdings, Ltd." -> "Foo": the form news uses.
std::string strip_legal_suffixes(std::string name) {
  static const std::vector<std::string> kSuffixes = {
      " Inc.",         " Inc",     " Corp.",   " Corp",         " Corporation",   " Ltd.",
      " Ltd",          " Limited", " PLC",     " plc",          " Plc",           " Holdings",
      " Holding",      " Group",   " Co.",     " Co",           " Company",       " N.V.",
      " S.A.",         " AG",      " SE",      " LLC",          " L.P.",          " LP",
      " Incorporated", " Trust",   " Bancorp", " Technologies", " International", ","};
  bool changed = true;
  while (changed) {
    changed = false;
    while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.pop_back();
    for (const auto& s : kSuffixes) {
      if (name.size() > s.size() + 2 && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        name.resize(name.size() - s.size());
        changed = true;
      }
    }
  }
  return name;
}

double number(const std::string& s) {
  try {
    return std::stod(s);
  } catch (...) {
    return 0;
  }
}

}  // namespace

Gazetteer load_gazetteers(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& entity_files,
                          const std::filesystem::path& curated_dir) {
  Gazetteer g;
  const auto add = [&](List list, std::string_view name) {
    if (!name.empty()) g.add(list, lower_tokens(name));
  };
  const auto split_bars = [](const std::string& s) {
    std::vector<std::string> parts;
    std::stringstream in(s);
    std::string p;
    while (std::getline(in, p, '|')) parts.push_back(p);
    return parts;
  };
  for (const auto& r : read_tsv(dir / "loc_countries.tsv")) {
    if (r.size() < 9) continue;
    add(List::country, r[0]);
    add(List::country, r[1]);
    for (const auto& c : split_bars(r[4])) add(List::capital, c);
    for (const auto& a : split_bars(r[8])) {
      if (a.size() > 3) add(List::country, a);  // 2-3 letter codes are mostly noise
    }
  }
  for (const auto& r : read_tsv(dir / "loc_country_aliases.tsv")) {
    if (r.size() < 3) continue;
    add(r[2] == "capital" ? List::capital : r[2] == "region" ? List::region : List::country, r[0]);
  }
  for (const auto& r : read_tsv(dir / "loc_cities.tsv")) {
    if (r.size() < 5) continue;
    const double pop = number(r[4]);
    if (pop < 15000) continue;
    const List list = pop >= 1e6 ? List::city_1m : pop >= 1e5 ? List::city_100k : List::city_15k;
    add(list, r[0]);
    if (r[1] != r[0]) add(list, r[1]);
  }
  for (const auto& r : read_tsv(dir / "loc_admin1.tsv")) {
    if (r.size() < 2) continue;
    add(List::admin1, r[0]);
    if (r[1] != r[0]) add(List::admin1, r[1]);
  }
  for (const auto& r : read_tsv(dir / "misc_demonyms.tsv")) {
    if (!r.empty()) add(List::demonym, r[0]);
  }
  for (const auto& r : read_tsv(dir / "per_first_names_us_ssa.tsv")) {
    if (r.size() >= 2 && number(r[1]) >= 2000) add(List::first_name, r[0]);
  }
  for (const auto& r : read_tsv(dir / "per_first_names_us1990.tsv")) {
    if (!r.empty()) add(List::first_name, r[0]);
  }
  std::size_t surnames = 0;
  for (const auto& r : read_tsv(dir / "per_surnames_us1990.tsv")) {
    if (!r.empty() && ++surnames <= 30000) add(List::surname, r[0]);  // sorted by frequency
  }
  for (const auto& r : read_tsv(dir / "per_names_intl.tsv")) {
    if (r.size() >= 2) add(r[1] == "surname" ? List::surname : List::first_name, r[0]);
  }
  for (const auto& r : read_tsv(dir / "org_international.tsv")) {
    if (r.size() >= 2) add(r[1] == "abbrev" ? List::org_abbrev : List::org_name, r[0]);
  }
  for (const auto& r : read_tsv(dir / "org_companies_us_listed.tsv")) {
    if (r.empty()) continue;
    add(List::company, r[0]);
    const std::string short_name = strip_legal_suffixes(r[0]);
    if (short_name != r[0]) add(List::company, short_name);
  }
  for (const auto& r : read_tsv(dir / "org_universities.tsv")) {
    if (!r.empty()) add(List::university, r[0]);
  }
  for (const auto& r : read_tsv(dir / "org_airlines.tsv")) {
    if (!r.empty()) add(List::airline, r[0]);
  }
  if (!curated_dir.empty()) {
    const std::pair<const char*, List> curated[] = {
        {"org_media.tsv", List::media},         {"org_armed_groups.tsv", List::armed_group},
        {"org_parties.tsv", List::party},       {"org_government.tsv", List::government},
        {"org_sports.tsv", List::sports},       {"org_companies_news.tsv", List::company_news},
        {"per_titles.tsv", List::person_title}, {"misc_not_entities.tsv", List::not_entity}};
    for (const auto& [file, list] : curated) {
      for (const auto& r : read_tsv(curated_dir / file)) {
        if (!r.empty()) add(list, r[0]);
      }
    }
  }
  // Entity strings of labelled files, by majority type.
  std::unordered_map<std::string, std::array<std::size_t, kTypeCount>> seen;
  for (const auto& file : entity_files) {
    for (const LabeledDocument& d : read_bio(file)) {
      for (const Sentence s : d.sentences) {
        const std::vector<std::string> labels(d.labels.begin() + s.begin, d.labels.begin() + s.end);
        for (const Span& span : spans_from_iob(labels)) {
          std::string name;
          for (std::uint32_t i = s.begin + span.begin; i < s.begin + span.end; ++i) {
            name += (name.empty() ? "" : " ") + d.words[i];
          }
          ++seen[name][static_cast<std::size_t>(span.type)];
        }
      }
    }
  }
  for (const auto& [name, counts] : seen) {
    std::size_t total = 0, best = 0;
    for (std::size_t t = 0; t < counts.size(); ++t) {
      total += counts[t];
      if (counts[t] > counts[best]) best = t;
    }
    if (total < 2 || counts[best] * 10 < total * 7) continue;
    add(static_cast<List>(static_cast<int>(List::seen_per) + static_cast<int>(best)), name);
  }
  g.build();
  return g;
}

}  // namespace newsdex::ner
