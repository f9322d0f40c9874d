#pragma once
// Training: an averaged perceptron over the same features and Viterbi decoder the tagger
// uses (structured: each sentence decoded whole, the weights moved towards the gold sequence).
//   TrainOptions o; o.files = {{"conll2003_train.bio", 1.0}}; o.epochs = 10;
//   Model m = train(o, load_gazetteers("../shared/data/gazetteers"), report);
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ner/bio.hpp"
#include "ner/gazetteer.hpp"
#include "ner/model.hpp"

namespace newsdex::ner {

struct TrainFile {
  std::filesystem::path path;
  float weight = 1.0F;  // update size for this file's examples (e.g. 0.3 for silver data)
};

struct TrainOptions {
  std::vector<TrainFile> files;
  int epochs = 12;
  std::size_t holdout_every = 0;  // hold out every n-th document of each file (0: none)
  float prune = 0.0F;             // drop features whose largest |averaged weight| is below this
  unsigned seed = 1;
  int runs = 1;                    // training runs in different orders (seed, seed + 1, ...), their weights averaged
  std::filesystem::path clusters;  // Brown clusters, Liang's `paths` format (optional)
};

struct EpochReport {
  int epoch = 0;
  std::size_t tokens = 0, errors = 0, features = 0;
  double seconds = 0;
  bool has_heldout = false;
  Score heldout;  // the averaged model on the held-out documents of the first file
};

Model train(const TrainOptions& options, Gazetteer gazetteer, const std::function<void(const EpochReport&)>& report);

// Scores a model on labelled documents (conlleval rules, sentence by sentence).
// With `predicted`, also gives the predicted IOB2 label of every token, document by document.
Score evaluate(const Model& model, const std::vector<LabeledDocument>& docs,
               std::vector<std::vector<std::string>>* predicted = nullptr);

// Loads the name lists of ../shared/data/gazetteers (see its README) into a gazetteer:
// countries and their aliases, capitals, regions, cities bucketed by population,
// first-level regions, demonyms, first names and surnames, international
// organisations, listed companies (also without legal suffixes), universities, airlines.
// `entity_files`: labelled files whose entity strings (seen at least twice, with one
// majority type) become the seen_* lists. `curated_dir`: the project's own lists
// (tagger/lists), when given. Throws InputError when a list is missing.
Gazetteer load_gazetteers(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& entity_files = {},
                          const std::filesystem::path& curated_dir = {});

}  // namespace newsdex::ner
