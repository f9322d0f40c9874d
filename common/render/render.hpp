#pragma once
// Renderers: Results and IndexStats as JSON (for scripts, field names are a
// contract) or as text for a person at a terminal.
#include <cstddef>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "index/index_stats.hpp"  // plain data: render/ links neither the index nor the search library
#include "search/results.hpp"

namespace newsdex {

// {"query","total":{"estimate","lower","upper"},"partial_matches"?,"offset","limit",
//  "hits":[{"rank","id","title","date","score","partial","snippet","highlights":[{"start","end"}],
//           "title_highlights":[{"start","end"}],"source","url","path",
//           "entities":{"person":[...],"place":[...],"org":[...]}}],
//  "facets":{"person":[{"value","count"}],"place":[...],"org":[...]},
//  "facet_totals":{"person","place","org"},"suggestion","notes"?,"elapsed_ms"}
// Missing optional fields (date, url, source, path, suggestion) are null;
// partial_matches and notes are there only when they have something to say.
nlohmann::ordered_json results_json(const Results& results);

// One line of batch output: {"id", ...results_json} or {"id","line","query","error"}.
nlohmann::ordered_json batch_answer_json(const BatchAnswer& answer);

struct TextStyle {
  bool color = false;     // ANSI bold for titles and highlighted terms
  std::size_t width = 0;  // columns to wrap lines at (render/wrap.hpp); 0: no wrapping
};
void render_results_text(const Results& results, const TextStyle& style, std::ostream& out);

// newsdex-query --entities: {"type","total","entities":[{"name","count","aliases":[...]}]}
nlohmann::ordered_json entity_listing_json(const EntityListing& listing);
// "People matching "bla" (3):" then a line each: "  Tony Blair  212  (also: Blair, Mr Blair)".
void render_entity_listing_text(const EntityListing& listing, const TextStyle& style, std::ostream& out);

// {"files","added","replaced","unchanged","skipped","errors","warnings","pruned","read",
//  "documents","bytes","seconds","articles_per_second","interrupted"}
nlohmann::ordered_json index_stats_json(const IndexStats& stats);
// "48 files: 45 added, 2 replaced, ... 0.42 s, 114 articles/s"
std::string index_stats_text(const IndexStats& stats);

// One line of JSON for output. Invalid UTF-8 (which only a caller's own
// input can bring, such as a query typed in Latin-1) becomes U+FFFD instead
// of an exception.
std::string json_line(const nlohmann::ordered_json& j);

// Whether to use colour: --color always|never|auto; auto means stdout is a
// terminal and NO_COLOR is unset (https://no-color.org).
bool want_color(const std::string& mode, bool is_terminal);

// Columns to wrap text output at: COLUMNS when set (a number of 20 or
// more), else the width of the terminal on `fd` when it is one, else 0 (no
// wrapping: a pipe or a file gets whole lines).
std::size_t output_width(int fd);

}  // namespace newsdex
