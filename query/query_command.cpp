#include "query/query_command.hpp"

#include <unistd.h>

#include <iostream>

#include "render/render.hpp"
#include "search/batch.hpp"
#include "search/searcher.hpp"
#include "util/errors.hpp"
#include "util/line_reader.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kMaxQueryLine = 1u << 20;

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

int run_batch_file(const QueryOptions& o) {
  std::vector<std::string> lines;
  try {
    LineReader reader(o.batch, kMaxQueryLine);
    for (LineReader::Line line; reader.next(line);) {
      // An over-long line still gets its own (error) answer, to keep lines aligned.
      lines.emplace_back(line.too_long ? std::string() : std::string(line.text));
    }
    if (!reader.error().empty()) throw InputError(reader.error());
  } catch (const InputError& e) {
    throw UsageError(o.batch + ": " + e.what());
  }
  std::size_t failed = 0;
  run_batch(o.databases(), lines, o.request(), o.threads.threads, [&](const BatchAnswer& a) {
    if (!a.results) ++failed;
    std::cout << json_line(batch_answer_json(a)) << '\n';
  });
  std::cout.flush();
  return failed > 0 ? 1 : 0;
}

}  // namespace

void QueryOptions::add_to(CLI::App& app) {
  app.footer(
      "Exit codes: 0 answered; 1 some --batch lines had errors (each has an \"error\"); 2 usage, query or "
      "database error.");
  db.add_to(app);
  output.add_to(app);
  threads.add_to(app, "Threads answering a --batch file");
  app.add_option("QUERY", words,
                 "Query: words (articles with every word first, then the best with some: see --all, --any), \"a "
                 "phrase\", -word, a OR b, wild*, title:word, "
                 "date:2021-05-01..2021-05-31, year:2021, id:ID, person:\"Antony Blinken\", place:Gaza, org:Hamas. "
                 "Quote it as one argument.");
  auto* all_flag = app.add_flag("--all", all,
                                "Only articles with every word (by default, when those are fewer than a page, the "
                                "best articles with some of the words follow them)");
  app.add_flag("--any", any, "Articles with any of the words, ranked by BM25 (facets count them all)")
      ->excludes(all_flag);
  app.add_flag("--strict-syntax", strict_syntax,
               "Refuse a query with a syntax error (an unclosed quote or bracket, a lone operator, an unknown field) "
               "instead of reading it as plain words with a note");
  app.add_option("--since", since, "Only articles dated on or after: YYYY-MM-DD, YYYY-MM or YYYY");
  app.add_option("--until", until, "Only articles dated on or before: YYYY-MM-DD, YYYY-MM or YYYY");
  app.add_option("--sort", sort, "relevance, date (oldest first) or -date (newest first)")
      ->check(CLI::IsMember({"relevance", "date", "-date"}))
      ->capture_default_str();
  // Values over the caps are capped with a note; negative ones are refused.
  app.add_option("--limit", limit, "Hits to show (at most 10000)")
      ->check(cli::count_validator())
      ->capture_default_str();
  app.add_option("--offset", offset, "Hits to skip first (at most 1000000)")
      ->check(cli::count_validator())
      ->capture_default_str();
  app.add_option("--snippet-length", snippet_bytes, "Target snippet length in bytes (at most 10000)")
      ->check(cli::count_validator())
      ->capture_default_str();
  // One name an occurrence, so that `--place Berlin merkel` leaves "merkel" to the query.
  app.add_option("--person", persons, "Only articles naming this person (repeatable: all of them), any case")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--place", places, "Only articles naming this place (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--org", orgs, "Only articles naming this organization (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--facets", facets,
                 "Values shown per facet (person, place, org), counted exactly over all matches; 0: no facets")
      ->check(cli::count_validator())
      ->capture_default_str();
  app.add_option("--person-facets", person_facets, "Values shown in the person facet (overrides --facets)")
      ->check(cli::count_validator());
  app.add_option("--place-facets", place_facets, "Values shown in the place facet")->check(cli::count_validator());
  app.add_option("--org-facets", org_facets, "Values shown in the org facet")->check(cli::count_validator());
  app.add_option("--entities", entities,
                 "List the archive's people, places or organizations (person, place, org) with the number of "
                 "articles naming each and their other names, most frequent first; with --prefix and --limit")
      ->check(CLI::IsMember({"person", "place", "org"}))
      ->type_name("TYPE");
  app.add_option("--prefix", prefix, "With --entities: only names (or words of them) starting with TEXT, any case")
      ->type_name("TEXT");
  app.add_option("--batch", batch,
                 "Answer one query per line of FILE (- for stdin): a query string or a JSON object "
                 "{\"id\",\"q\",\"limit\",\"offset\",\"sort\",\"since\",\"until\",\"all\",\"any\",\"person\",\"place\","
                 "\"org\",\"facets\"}; prints JSON Lines");
}

SearchRequest QueryOptions::request() const {
  SearchRequest r;
  r.query = join(words);
  r.match = all ? MatchMode::all : any ? MatchMode::any : MatchMode::best;
  r.strict_syntax = strict_syntax;
  if (!since.empty()) r.since = parse_since(since);
  if (!until.empty()) r.until = parse_until(until);
  r.sort = parse_sort(sort);
  r.limit = limit;
  r.offset = offset;
  r.snippet_bytes = snippet_bytes;
  for (const auto& name : persons) r.filters.push_back({EntityType::person, name});
  for (const auto& name : places) r.filters.push_back({EntityType::place, name});
  for (const auto& name : orgs) r.filters.push_back({EntityType::org, name});
  r.facets = {person_facets.value_or(facets), place_facets.value_or(facets), org_facets.value_or(facets)};
  return r;
}

Databases QueryOptions::databases() const {
  if (db.paths.empty() && db.remotes.empty()) {
    throw UsageError("no database given; use --db PATH (made by newsdex-index) or --remote HOST:PORT");
  }
  return {db.paths, db.remotes};
}

int run(const QueryOptions& o) {
  if (!o.entities.empty()) {
    if (!o.words.empty() || !o.batch.empty()) throw UsageError("--entities lists entities: give no QUERY or --batch");
    Searcher searcher(o.databases());
    const EntityListing listing =
        searcher.entities(*parse_facet_name(o.entities), o.prefix, std::min(o.limit, kMaxLimit));
    if (o.output.json) {
      std::cout << json_line(entity_listing_json(listing)) << '\n';
    } else {
      render_entity_listing_text(listing, {want_color(o.output.color, isatty(STDOUT_FILENO) != 0), 0}, std::cout);
    }
    return 0;
  }
  if (!o.prefix.empty()) throw UsageError("--prefix goes with --entities TYPE");
  if (!o.batch.empty()) {
    if (!o.words.empty()) throw UsageError("give either QUERY or --batch, not both");
    return run_batch_file(o);
  }
  SearchRequest request = o.request();
  if (request.query.empty() && request.since.empty() && request.until.empty() && request.filters.empty()) {
    throw UsageError("no query given; try: newsdex-query --db " + o.databases().label() + " \"ceasefire talks\"");
  }
  Searcher searcher(o.databases());
  const Results results = searcher.search(std::move(request));
  if (o.output.json) {
    std::cout << json_line(results_json(results)) << '\n';
  } else {
    render_results_text(results, {want_color(o.output.color, isatty(STDOUT_FILENO) != 0), output_width(STDOUT_FILENO)},
                        std::cout);
  }
  return 0;
}

}  // namespace newsdex
