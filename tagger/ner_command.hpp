#pragma once
// newsdex-ner: train, evaluate and run the entity tagger. main() parses and calls run().
//   newsdex-ner train conll2003_train.bio gmb_voa.bio:0.3 -o models/ner.model
//   newsdex-ner eval conll2003_train.bio --holdout-every 10 --json
//   newsdex-ner tag corpus/world --json
//   newsdex-ner tokenize reuters.jsonl.gz > sentences.txt   (for tools/brown_clusters)
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.hpp"

namespace newsdex {

struct NerOptions {
  CLI::App* train = nullptr;
  CLI::App* eval = nullptr;
  CLI::App* tag = nullptr;
  CLI::App* tokenize = nullptr;

  // train
  std::vector<std::string> train_files;  // FILE or FILE:WEIGHT
  std::string output = "ner.model";
  std::string gazetteers;
  std::vector<std::string> entity_lists;
  std::string names;
  std::string lists;
  std::string clusters;
  int epochs = 12;
  std::size_t holdout_every = 0;
  float prune = 0.0F;
  unsigned seed = 1;
  int runs = 1;
  // eval and tag
  std::string model;
  std::string eval_file;
  std::string predictions;  // eval: where to write token<TAB>gold<TAB>predicted lines
  std::vector<std::string> tag_inputs;
  std::vector<std::string> bio_columns;  // tokenize: token columns of labelled files
  bool json = false;
  bool bio = false;

  void add_to(CLI::App& app);
};

// Exit codes: 0 done; 1 some input skipped (tag); 2 usage or input error.
int run(const NerOptions& options);

}  // namespace newsdex
