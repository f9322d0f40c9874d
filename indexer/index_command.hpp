#pragma once
// newsdex-index: options and run(); main() only parses and calls run().
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.hpp"
#include "index/pipeline.hpp"

namespace newsdex {

struct IndexOptions {
  cli::DatabaseOption db;
  std::vector<std::string> inputs;
  bool json = false;
  bool prune = false;
  bool force = false;
  bool strict = false;
  bool rebuild = false;
  bool no_spelling = false;
  bool no_entities = false;
  std::string model;    // NER model; empty: ner::default_model_path()
  std::string aliases;  // --aliases FILE: the user's curation of entity names
  bool quiet = false;
  bool verbose = false;  // every warning, not the first few of each kind
  cli::ThreadsOption threads;
  unsigned shards = 0;
  std::string compact = "auto";  // 0: 1 for a new database, an existing one's count otherwise
  std::size_t commit_every = 10000;
  std::uint64_t max_article_bytes = 16u << 20;

  void add_to(CLI::App& app);
  // The request the options describe, without the entity extractor and the
  // stop flag, which run() adds (throws UsageError when no PATH is given).
  IndexRequest request() const;
};

// Exit codes: 0 every article indexed; 1 some input was skipped (see the
// messages); 2 usage or database error, or bad input under --strict (then
// nothing of the run is committed); 130 or 143 stopped by SIGINT or SIGTERM
// (what was read is committed, unless --strict).
int run(const IndexOptions& options);

}  // namespace newsdex
