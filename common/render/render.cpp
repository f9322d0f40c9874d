#include "render/render.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <ostream>

#include "render/wrap.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// "1 error", "2 errors".
std::string plural(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Text with its highlights between `on` and `off` (bold, or *stars*), on
// one line.
std::string styled(std::string_view text, const std::vector<Highlight>& highlights, std::string_view on,
                   std::string_view off) {
  std::string out;
  std::size_t cp = 0;
  std::size_t next = 0;  // next highlight
  bool inside = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool starts_cp = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_cp) {
      if (inside && next < highlights.size() && cp == highlights[next].end) {
        out += off;
        inside = false;
        ++next;
      }
      if (!inside && next < highlights.size() && cp == highlights[next].start) {
        out += on;
        inside = true;
      }
      ++cp;
    }
    out += (c == '\n' || c == '\t') ? ' ' : c;
  }
  if (inside) out += off;
  return out;
}

// Snippet with highlights in bold (or *stars* without colour).
std::string styled_snippet(const Hit& hit, bool color) {
  return color ? styled(hit.snippet, hit.highlights, kBold, kReset) : styled(hit.snippet, hit.highlights, "*", "*");
}

}  // namespace

nlohmann::ordered_json results_json(const Results& r) {
  nlohmann::ordered_json j;
  j["query"] = r.query;
  j["total"] = {{"estimate", r.total.estimate}, {"lower", r.total.lower}, {"upper", r.total.upper}};
  if (r.partial_matches) j["partial_matches"] = *r.partial_matches;
  j["offset"] = r.offset;
  j["limit"] = r.limit;
  auto& hits = j["hits"] = nlohmann::ordered_json::array();
  for (const Hit& h : r.hits) {
    auto highlights = nlohmann::ordered_json::array();
    for (const auto& hl : h.highlights) highlights.push_back({{"start", hl.start}, {"end", hl.end}});
    auto title_highlights = nlohmann::ordered_json::array();
    for (const auto& hl : h.title_highlights) title_highlights.push_back({{"start", hl.start}, {"end", hl.end}});
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"title", h.title},
                    {"date", or_null(h.date)},
                    {"score", h.score},
                    {"partial", h.partial},
                    {"snippet", h.snippet},
                    {"highlights", std::move(highlights)},
                    {"title_highlights", std::move(title_highlights)},
                    {"source", or_null(h.source)},
                    {"url", or_null(h.url)},
                    {"path", or_null(h.path)},
                    {"entities", {{"person", h.persons}, {"place", h.places}, {"org", h.orgs}}}});
  }
  auto& facets = j["facets"] = nlohmann::ordered_json::object();
  auto& totals = j["facet_totals"] = nlohmann::ordered_json::object();
  for (const Facet& f : r.facets) {
    auto& list = facets[f.name] = nlohmann::ordered_json::array();
    for (const auto& v : f.values) list.push_back({{"value", v.value}, {"count", v.count}});
    totals[f.name] = f.total;
  }
  j["suggestion"] = r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nlohmann::ordered_json(nullptr);
  if (!r.notes.empty()) j["notes"] = r.notes;
  j["elapsed_ms"] = std::round(r.elapsed_ms * 1000) / 1000;
  return j;
}

nlohmann::ordered_json batch_answer_json(const BatchAnswer& a) {
  nlohmann::ordered_json j;
  j["id"] = nlohmann::ordered_json::parse(a.id_json);
  if (!a.results) {
    j["line"] = a.line;
    j["query"] = a.query;
    j["error"] = a.error;
    return j;
  }
  nlohmann::ordered_json results = results_json(*a.results);
  for (auto& [key, value] : results.items()) j[key] = std::move(value);
  return j;
}

void render_results_text(const Results& r, const TextStyle& style, std::ostream& out) {
  const bool c = style.color;
  const std::size_t width = style.width;
  const auto dim = [c](const std::string& text) { return c ? std::string(kDim) + text + std::string(kReset) : text; };
  const std::string for_query = r.query.empty() ? "" : " for \"" + r.query + "\"";
  const std::string about = r.total.lower == r.total.upper ? "" : "about ";
  for (const Hit& h : r.hits) {
    // The title's matched words in bold on a terminal (the title as it is without colour).
    std::string title = h.title.empty() ? "(untitled)"
                        : c             ? styled(h.title, h.title_highlights, kBold, kReset)
                                        : h.title;
    if (!h.date.empty()) title += "  (" + h.date + ")";
    out << wrap_words(std::string(h.rank < 10 ? " " : "") + std::to_string(h.rank) + ". ", title, width, 4) << '\n';
    std::vector<std::string> about_hit{dim(h.id)};
    if (!h.source.empty()) about_hit.push_back(dim(h.source));
    about_hit.push_back(dim("score " + fixed(h.score, 2)));
    if (!h.url.empty()) {
      about_hit.push_back(dim(h.url));
    } else if (!h.path.empty()) {
      about_hit.push_back(dim(h.path));
    }
    out << wrap_units("    ", about_hit, " \u00b7 ", width, 4) << '\n';
    if (!h.snippet.empty()) out << wrap_words("    ", styled_snippet(h, c), width, 4) << '\n';
    out << '\n';
  }
  std::string summary;
  if (r.partial_matches && !r.hits.empty()) {
    summary =
        "Results " + std::to_string(r.hits.front().rank) + "\u2013" + std::to_string(r.hits.back().rank) + for_query +
        ": " +
        (r.total.estimate == 0 ? "no article has every word; the best of about "
                               : plural(r.total.estimate, "article") + " with every word, then the best of about ") +
        std::to_string(*r.partial_matches) + " with some";
  } else if (!r.hits.empty()) {
    summary = "Results " + std::to_string(r.hits.front().rank) + "\u2013" + std::to_string(r.hits.back().rank) +
              " of " + about + std::to_string(r.total.estimate) + for_query;
  } else if (r.total.estimate > 0) {
    summary = plural(r.total.estimate, "result") + for_query + ", none shown at --offset " + std::to_string(r.offset) +
              " with --limit " + std::to_string(r.limit);
  } else {
    summary = "No matches" + for_query;
  }
  out << wrap_words("", summary + " (" + fixed(r.elapsed_ms, 1) + " ms)", width, 2) << '\n';
  for (const Facet& f : r.facets) {
    if (f.values.empty()) continue;
    static const std::map<std::string, std::string> kHeadings{
        {"person", "People"}, {"place", "Places"}, {"org", "Organizations"}};
    const auto heading = kHeadings.find(f.name);
    const std::string lead =
        (heading != kHeadings.end() ? heading->second : f.name) + " (" +
        (f.values.size() >= f.total ? std::to_string(f.total)
                                    : "top " + std::to_string(f.values.size()) + " of " + std::to_string(f.total)) +
        "): ";
    std::vector<std::string> values;
    for (const auto& v : f.values) values.push_back(v.value + " " + dim(std::to_string(v.count)));
    out << wrap_units(lead, values, " \u00b7 ", width, 2) << '\n';
  }
  if (r.suggestion) {
    out << wrap_words("Did you mean: ",
                      (c ? std::string(kBold) : "") + *r.suggestion + (c ? std::string(kReset) : "") + "?", width, 2)
        << '\n';
  }
  for (const auto& note : r.notes) out << wrap_words("note: ", note, width, 6) << '\n';
}

nlohmann::ordered_json entity_listing_json(const EntityListing& listing) {
  nlohmann::ordered_json entities = nlohmann::ordered_json::array();
  for (const auto& e : listing.entities) {
    entities.push_back({{"name", e.name}, {"count", e.count}, {"aliases", e.aliases}});
  }
  return {{"type", listing.type}, {"total", listing.total}, {"entities", std::move(entities)}};
}

void render_entity_listing_text(const EntityListing& listing, const TextStyle& style, std::ostream& out) {
  static const std::map<std::string, std::string> kHeadings{
      {"person", "People"}, {"place", "Places"}, {"org", "Organizations"}};
  const auto heading = kHeadings.find(listing.type);
  out << (heading != kHeadings.end() ? heading->second : listing.type);
  if (!listing.prefix.empty()) out << " matching \"" << listing.prefix << "\"";
  out << " ("
      << (listing.entities.size() >= listing.total
              ? std::to_string(listing.total)
              : "top " + std::to_string(listing.entities.size()) + " of " + std::to_string(listing.total))
      << "), by the number of articles naming them:\n";
  std::size_t width = 0;
  for (const auto& e : listing.entities) width = std::max(width, utf8::length(e.name));
  for (const auto& e : listing.entities) {
    out << "  " << (style.color ? kBold : "") << e.name << (style.color ? kReset : "")
        << std::string(width - utf8::length(e.name) + 2, ' ') << e.count;
    if (!e.aliases.empty()) {
      out << "  (also: ";
      for (std::size_t i = 0; i < e.aliases.size(); ++i) out << (i > 0 ? ", " : "") << e.aliases[i];
      out << ")";
    }
    out << '\n';
  }
}

nlohmann::ordered_json index_stats_json(const IndexStats& s) {
  return {{"files", s.files},
          {"added", s.added},
          {"replaced", s.replaced},
          {"unchanged", s.unchanged},
          {"skipped", s.skipped},
          {"errors", s.errors},
          {"warnings", s.warnings},
          {"warnings_by_kind", s.warnings_by_kind},
          {"pruned", s.pruned},
          {"read", s.read},
          {"documents", s.documents},
          {"bytes", s.bytes},
          {"seconds", std::round(s.seconds * 1000) / 1000},
          {"articles_per_second", std::round(s.articles_per_second() * 10) / 10},
          {"interrupted", s.interrupted},
          {"compacted", s.compacted},
          {"shards", s.shards}};
}

std::string index_stats_text(const IndexStats& s) {
  std::string out = plural(s.files, "file") + ": " + std::to_string(s.added) + " added, " + std::to_string(s.replaced) +
                    " replaced, " + std::to_string(s.unchanged) + " unchanged, " + std::to_string(s.skipped) +
                    " skipped, " + plural(s.errors, "error");
  if (s.warnings > 0) out += ", " + plural(s.warnings, "warning");
  if (s.pruned > 0) out += ", " + std::to_string(s.pruned) + " pruned";
  out += "; " + plural(static_cast<std::size_t>(s.documents), "article") + " in the database; " + fixed(s.seconds, 2) +
         " s, " + fixed(s.articles_per_second(), 0) + " articles/s";
  if (s.interrupted) out += "; interrupted";
  if (s.compacted) out += "; compacted";
  return out;
}

std::string json_line(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::size_t output_width(int fd) {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    char* end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (*end == '\0' && n >= 20 && n <= 10000) return n;
  }
  winsize size{};
  if (isatty(fd) != 0 && ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) return size.ws_col;
  return 0;
}

bool want_color(const std::string& mode, bool is_terminal) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal && (no_color == nullptr || *no_color == '\0');
}

}  // namespace newsdex
