// newsdex-query's options -> SearchRequest, in-process: every flag the
// issues spell out lands in the request field it names, and bad values are
// usage errors before any database is opened.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include <functional>

#include "query/query_command.hpp"
#include "options_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

constexpr auto request_of = &test::request_of<QueryOptions>;  // the SearchRequest a command line describes

TEST(QueryOptions, DefaultsAreBestMatchRelevanceTenHitsAndTenValuesPerFacet) {
  const SearchRequest r = request_of({"--db", "x.db", "ceasefire", "gaza"});
  EXPECT_EQ(r.query, "ceasefire gaza");  // QUERY... joined with spaces
  EXPECT_EQ(r.match, MatchMode::best);
  EXPECT_EQ(r.sort, SortOrder::relevance);
  EXPECT_EQ(r.limit, 10u);
  EXPECT_EQ(r.offset, 0u);
  EXPECT_EQ(r.snippet_bytes, 240u);
  EXPECT_EQ(r.facets, (std::array<std::size_t, 3>{10, 10, 10}));
  EXPECT_TRUE(r.filters.empty());
  EXPECT_FALSE(r.strict_syntax);
}

TEST(QueryOptions, EachFlagLandsInItsField) {
  struct Case {
    std::vector<std::string> args;
    std::function<bool(const SearchRequest&)> holds;
    std::string what;
  };
  const std::vector<Case> cases = {
      {{"--all"}, [](auto& r) { return r.match == MatchMode::all; }, "--all"},
      {{"--any"}, [](auto& r) { return r.match == MatchMode::any; }, "--any"},
      {{"--strict-syntax"}, [](auto& r) { return r.strict_syntax; }, "--strict-syntax"},
      {{"--sort", "date"}, [](auto& r) { return r.sort == SortOrder::oldest_first; }, "--sort date"},
      {{"--sort", "-date"}, [](auto& r) { return r.sort == SortOrder::newest_first; }, "--sort -date"},
      {{"--since", "2021-05"}, [](auto& r) { return r.since == "20210501"; }, "--since month"},
      {{"--until", "2021"}, [](auto& r) { return r.until == "20211231"; }, "--until year"},
      {{"--limit", "3", "--offset", "20"}, [](auto& r) { return r.limit == 3 && r.offset == 20; }, "paging"},
      {{"--snippet-length", "0"}, [](auto& r) { return r.snippet_bytes == 0; }, "--snippet-length 0"},
      {{"--facets", "0"}, [](auto& r) { return r.facets == std::array<std::size_t, 3>{0, 0, 0}; }, "--facets 0"},
      {{"--facets", "5", "--place-facets", "2"},
       [](auto& r) { return r.facets == std::array<std::size_t, 3>{5, 2, 5}; },
       "--place-facets overrides --facets"},
      {{"--person", "Tony Blair", "--place", "Gaza", "--org", "Hamas", "--person", "Jones"},
       [](auto& r) {
         return r.filters.size() == 4 && r.filters[0].type == EntityType::person && r.filters[0].name == "Tony Blair" &&
                r.filters[1].name == "Jones" && r.filters[2].type == EntityType::place &&
                r.filters[3].type == EntityType::org;
       },
       "repeatable entity filters, all of them"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", "x.db"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("word");
    EXPECT_TRUE(c.holds(request_of(args))) << c.what;
  }
}

TEST(QueryOptions, BadValuesAreRefusedBeforeAnyDatabaseIsOpened) {
  EXPECT_THROW(request_of({"--db", "x.db", "--since", "2021-13", "w"}), UsageError);
  SearchRequest backwards = request_of({"--db", "x.db", "--since", "2022", "--until", "2021", "w"});
  EXPECT_THROW(normalize(backwards), UsageError);  // as run() does first
  EXPECT_THROW(request_of({"--db", "x.db", "--all", "--any", "w"}), CLI::ParseError);  // they exclude each other
  EXPECT_THROW(request_of({"--db", "x.db", "--sort", "size", "w"}), CLI::ParseError);
  CLI::App app{"test", "newsdex-query"};
  QueryOptions none;
  none.add_to(app);
  app.parse(std::vector<std::string>{"word"});
  EXPECT_THROW(none.databases(), UsageError);  // no --db nor --remote
}

}  // namespace
}  // namespace newsdex
