#include "search/search_request.hpp"

#include <nlohmann/json.hpp>

#include "search/query_syntax.hpp"
#include "util/date.hpp"
#include "util/errors.hpp"
#include "util/json_text.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kMaxJsonDepth = 16;

std::string parse_bound(std::string_view text, Bound side, const char* option) {
  const auto d = parse_date_bound(text, side);
  if (!d) {
    throw UsageError(std::string(option) + ": expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '" +
                     std::string(text) + "'");
  }
  return d->compact();
}

}  // namespace

SortOrder parse_sort(std::string_view text) {
  if (text == "relevance") return SortOrder::relevance;
  if (text == "date") return SortOrder::oldest_first;
  if (text == "-date") return SortOrder::newest_first;
  throw UsageError("sort: expected relevance, date or -date, got '" + std::string(text) + "'");
}

std::string_view sort_name(SortOrder order) {
  switch (order) {
    case SortOrder::relevance:
      return "relevance";
    case SortOrder::oldest_first:
      return "date";
    case SortOrder::newest_first:
      return "-date";
  }
  return "relevance";
}

std::string parse_since(std::string_view text) {
  return parse_bound(text, Bound::lower, "--since");
}
std::string parse_until(std::string_view text) {
  return parse_bound(text, Bound::upper, "--until");
}

std::vector<std::string> normalize(SearchRequest& r) {
  utf8::sanitize(r.query);  // what we echo back must be valid UTF-8
  std::vector<std::string> notes;
  auto add_note = [&notes](const std::string& text) { notes.push_back(text); };
  if (bound_query_length(r.query)) add_note("query cut to its first " + std::to_string(r.query.size()) + " bytes");
  r.written = r.query;
  if (r.strict_syntax) {
    check_query_syntax(r.query);
  } else {
    for (auto& n : repair_query_syntax(r.query)) add_note(std::move(n));
  }
  auto cap = [&](std::size_t& value, std::size_t max, const char* what) {
    if (value <= max) return;
    add_note(std::string(what) + " capped at " + std::to_string(max));
    value = max;
  };
  cap(r.limit, kMaxLimit, "limit");
  cap(r.offset, kMaxOffset, "offset");
  cap(r.snippet_bytes, kMaxSnippetBytes, "snippet length");
  for (auto& k : r.facets) cap(k, kMaxFacetValues, "facet values");
  for (auto& f : r.filters) {
    utf8::sanitize(f.name);
    if (f.name.find_first_not_of(" \t") == std::string::npos) {
      throw UsageError(std::string("--") + facet_name(f.type) + ": expected a name, not an empty string");
    }
  }
  if (!r.since.empty() && !r.until.empty() && r.since > r.until) {
    auto iso = [](const std::string& d) {
      const auto date = parse_compact_date(d);
      return date ? date->iso() : d;
    };
    throw UsageError("--since " + iso(r.since) + " is after --until " + iso(r.until));
  }
  return notes;
}

namespace {

// Fills `item` field by field (id and query first), throwing UsageError at
// the first field that is wrong.
void fill_batch_item(std::string_view line, BatchItem& item) {
  std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) throw UsageError("empty query");
  if (line[first] != '{') {
    item.request.query = std::string(line);
    return;
  }
  if (json_depth(line) > kMaxJsonDepth) throw UsageError("JSON nested too deeply");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e400
    throw UsageError("bad JSON (" + json_error_text(e.what()) + ")");
  }
  if (!j.is_object()) throw UsageError("expected a JSON object");
  auto& r = item.request;
  auto field = [&](const char* key) -> const nlohmann::json* {
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
  };
  auto string_field = [&](const char* key) -> std::optional<std::string> {
    const auto* v = field(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) throw UsageError(std::string("'") + key + "' must be a string");
    return v->get<std::string>();
  };
  auto count_field = [&](const char* key, std::size_t& out) {
    const auto* v = field(key);
    if (v == nullptr) return;
    // Huge values are fine (normalize() caps them); negative and fractional ones are not.
    if (!v->is_number_unsigned()) throw UsageError(std::string("'") + key + "' must be a non-negative integer");
    out = v->get<std::size_t>();
  };
  if (const auto* id = field("id")) {
    if (!id->is_string() && !id->is_number()) throw UsageError("'id' must be a string or a number");
    item.id_json = id->dump();
  }
  const auto q = string_field("q");
  if (!q) throw UsageError("no 'q' (the query string)");
  r.query = *q;
  count_field("limit", r.limit);
  count_field("offset", r.offset);
  if (const auto s = string_field("sort")) r.sort = parse_sort(*s);
  if (const auto s = string_field("since")) r.since = parse_since(*s);
  if (const auto s = string_field("until")) r.until = parse_until(*s);
  // "all": true or "any": true sets the mode; false for the mode the
  // command line chose goes back to the default.
  bool chosen = false;
  for (const auto& [key, mode] : {std::pair{"all", MatchMode::all}, std::pair{"any", MatchMode::any}}) {
    const auto* v = field(key);
    if (v == nullptr) continue;
    if (!v->is_boolean()) throw UsageError(std::string("'") + key + "' must be true or false");
    if (v->get<bool>()) {
      if (chosen) throw UsageError("'all' and 'any' cannot both be true");
      chosen = true;
      r.match = mode;
    } else if (!chosen && r.match == mode) {
      r.match = MatchMode::best;
    }
  }
  for (const EntityType type : kEntityTypes) {
    const char* key = facet_name(type);
    const auto* v = field(key);
    if (v == nullptr) continue;
    const std::string what = std::string("'") + key + "' must be a name or a list of names";
    if (v->is_string()) {
      r.filters.push_back({type, v->get<std::string>()});
    } else if (v->is_array()) {
      for (const auto& name : *v) {
        if (!name.is_string()) throw UsageError(what);
        r.filters.push_back({type, name.get<std::string>()});
      }
    } else {
      throw UsageError(what);
    }
  }
  if (const auto* f = field("facets")) {
    const std::string what = "'facets' must be a count, or an object such as {\"person\": 5, \"org\": 0}";
    if (f->is_number_unsigned()) {
      r.facets.fill(f->get<std::size_t>());
    } else if (f->is_object()) {
      for (const auto& [key, value] : f->items()) {
        const auto type = parse_facet_name(key);
        if (!type || !value.is_number_unsigned()) throw UsageError(what);
        r.facets[static_cast<std::size_t>(*type)] = value.get<std::size_t>();
      }
    } else {
      throw UsageError(what);
    }
  }
}

}  // namespace

BatchItem parse_batch_line(std::string_view line, std::size_t line_no, const SearchRequest& defaults) {
  BatchItem item{std::to_string(line_no), defaults, {}};
  try {
    fill_batch_item(line, item);
  } catch (const UsageError& e) {
    item.error = e.what();
  }
  return item;
}

}  // namespace newsdex
