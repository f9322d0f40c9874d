#pragma once
// newsdex-query: options and run(); main() only parses and calls run().
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.hpp"
#include "search/search_request.hpp"
#include "search/searcher.hpp"

namespace newsdex {

struct QueryOptions {
  cli::SearchDatabasesOption db;
  cli::OutputOptions output;
  cli::ThreadsOption threads;
  std::vector<std::string> words;  // QUERY... joined with spaces
  bool all = false;
  bool any = false;
  bool strict_syntax = false;
  std::string since, until;  // as typed; validated by SearchRequest
  std::string sort = "relevance";
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::size_t snippet_bytes = 240;
  std::string batch;                               // --batch FILE ("-" = stdin)
  std::vector<std::string> persons, places, orgs;  // --person/--place/--org
  std::size_t facets = 10;
  std::optional<std::size_t> person_facets, place_facets, org_facets;
  std::string entities;  // --entities TYPE: list the archive's entities instead of searching
  std::string prefix;    // --prefix TEXT: only entities with a name or word starting so

  void add_to(CLI::App& app);
  // The databases to search (throws UsageError when none is given).
  Databases databases() const;
  // The request the options describe (throws UsageError on bad values).
  SearchRequest request() const;
};

// Exit codes: 0 answered; 1 some batch lines had errors; 2 usage, query or
// database error.
int run(const QueryOptions& options);

}  // namespace newsdex
