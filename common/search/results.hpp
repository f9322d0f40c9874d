#pragma once
// What a search returns, ready for a renderer (text or JSON). No Xapian here.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

struct Highlight {
  std::size_t start = 0;  // in Unicode code points from the start of the snippet
  std::size_t end = 0;    // one past the last code point
};

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result (offset + 1 ...)
  std::string id, title, date, source, url, path;
  double score = 0;
  // Added by the default after the articles with every word: has some of them.
  bool partial = false;
  std::string snippet;  // plain text
  std::vector<Highlight> highlights;
  std::vector<Highlight> title_highlights;  // in the title, as in the snippet
  // Canonical names the article names, in order of first mention.
  std::vector<std::string> persons, places, orgs;
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
};

// One facet over the whole match set: "person", top values first.
struct Facet {
  std::string name;                // "person", "place", "org"
  std::vector<FacetValue> values;  // most frequent first, then by name; drill-down values always included
  std::size_t total = 0;           // distinct values over all matches ("top 10 of 312")
};

// The archive's entities of one type (newsdex-query --entities): canonical
// names with the number of articles that name each, and their other names.
struct EntityListing {
  std::string type;  // "person"
  std::string prefix;
  std::size_t total = 0;  // entities that match the prefix
  struct Entry {
    std::string name;
    std::size_t count = 0;             // articles
    std::vector<std::string> aliases;  // other forms articles wrote it in, most frequent first
  };
  std::vector<Entry> entities;  // most articles first, then by name
};

struct Results {
  std::string query;
  struct {
    std::size_t estimate = 0, lower = 0, upper = 0;
  } total;
  std::size_t offset = 0, limit = 0;
  std::vector<Hit> hits;
  // When the default added partial matches: about how many articles have
  // some of the words but not all (`total` counts those with every word).
  std::optional<std::size_t> partial_matches;
  // person, place, org (those not turned off), exact over all matches.
  std::vector<Facet> facets;
  std::optional<std::string> suggestion;  // "did you mean"
  std::vector<std::string> notes;         // e.g. "limit capped at 10000"
  double elapsed_ms = 0;
};

// One line of a batch (run_batch, search/batch.hpp): its answer or its error.
struct BatchAnswer {
  std::size_t line = 0;  // 1-based line of the batch file
  std::string id_json;   // the line's "id" as JSON, or its line number
  std::string query;
  std::optional<Results> results;  // absent when `error` is set
  std::string error;
};

}  // namespace newsdex
