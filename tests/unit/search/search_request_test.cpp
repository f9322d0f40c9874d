#include "search/search_request.hpp"

#include <gtest/gtest.h>

#include "search/batch.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

TEST(SearchRequest, SortNames) {
  EXPECT_EQ(parse_sort("relevance"), SortOrder::relevance);
  EXPECT_EQ(parse_sort("date"), SortOrder::oldest_first);
  EXPECT_EQ(parse_sort("-date"), SortOrder::newest_first);
  EXPECT_THROW(parse_sort("newest"), UsageError);
  for (auto s : {SortOrder::relevance, SortOrder::oldest_first, SortOrder::newest_first}) {
    EXPECT_EQ(parse_sort(sort_name(s)), s);
  }
}

TEST(SearchRequest, DateBounds) {
  EXPECT_EQ(parse_since("2021-05-01"), "20210501");
  EXPECT_EQ(parse_until("2021-05"), "20210531");
  EXPECT_EQ(parse_since("2021"), "20210101");
  EXPECT_THROW(parse_since("2021-02-30"), UsageError);
  EXPECT_THROW(parse_until("May 2021"), UsageError);
}

TEST(SearchRequest, NormalizeCapsAndChecks) {
  SearchRequest r;
  r.limit = 1u << 30;
  r.offset = 1u << 30;
  const auto notes = normalize(r);
  std::string note;
  for (const auto& n : notes) note += (note.empty() ? "" : "; ") + n;
  EXPECT_EQ(r.limit, kMaxLimit);
  EXPECT_EQ(r.offset, kMaxOffset);
  EXPECT_NE(note.find("limit capped"), std::string::npos);
  SearchRequest bad;
  bad.since = "20220101";
  bad.until = "20210101";
  EXPECT_THROW(normalize(bad), UsageError);
}

TEST(SearchRequest, BatchLines) {
  SearchRequest defaults;
  defaults.limit = 3;
  auto plain = parse_batch_line("ceasefire talks", 4, defaults);
  EXPECT_EQ(plain.id_json, "4");
  EXPECT_EQ(plain.request.query, "ceasefire talks");
  EXPECT_EQ(plain.request.limit, 3u);

  auto obj = parse_batch_line(
      R"({"id":"q7","q":"gaza","limit":5,"offset":2,"sort":"-date","since":"2020","until":"2021-06","any":true})", 1,
      defaults);
  EXPECT_EQ(obj.id_json, "\"q7\"");
  EXPECT_EQ(obj.request.query, "gaza");
  EXPECT_EQ(obj.request.limit, 5u);
  EXPECT_EQ(obj.request.offset, 2u);
  EXPECT_EQ(obj.request.sort, SortOrder::newest_first);
  EXPECT_EQ(obj.request.since, "20200101");
  EXPECT_EQ(obj.request.until, "20210630");
  EXPECT_EQ(obj.request.match, MatchMode::any);
  EXPECT_EQ(parse_batch_line(R"({"id":12,"q":"x"})", 1, defaults).id_json, "12");

  for (const std::string& bad : std::vector<std::string>{
           "", "   ", R"({"q":5})", R"({"id":"x"})", R"({"q":"x","limit":-1})", R"({"q":"x","sort":"up"})",
           R"({"q":"x","since":"soon"})", R"({"q":"x",)", R"({"q":"x","id":[1]})", R"({"q":"x","any":"yes"})",
           "{\"q\":" + std::string(100, '['), R"({"q":"x","limit":1e400})"}) {
    EXPECT_FALSE(parse_batch_line(bad, 1, defaults).error.empty()) << bad;
  }
  // A line with one bad field still names its id and query in the answer.
  const auto bad_sort = parse_batch_line(R"({"id":"a","q":"gaza","sort":"bad"})", 9, defaults);
  EXPECT_EQ(bad_sort.id_json, "\"a\"");
  EXPECT_EQ(bad_sort.request.query, "gaza");
  EXPECT_NE(bad_sort.error.find("sort"), std::string::npos);
  EXPECT_EQ(parse_batch_line(R"({"id":7})", 4, defaults).id_json, "7");
}

TEST(SearchRequest, BatchLinesWithEntityFiltersAndFacets) {
  const SearchRequest defaults;
  auto item = parse_batch_line(
      R"({"q":"ceasefire","person":"Antony Blinken","place":["Gaza","Egypt"],"org":[],"facets":{"person":3,"org":0}})",
      1, defaults);
  ASSERT_EQ(item.error, "");
  EXPECT_EQ(item.request.filters,
            (std::vector<Entity>{
                {EntityType::person, "Antony Blinken"}, {EntityType::place, "Gaza"}, {EntityType::place, "Egypt"}}));
  EXPECT_EQ(item.request.facets, (std::array<std::size_t, 3>{3, 10, 0}));
  EXPECT_EQ(parse_batch_line(R"({"q":"x","facets":5})", 1, defaults).request.facets,
            (std::array<std::size_t, 3>{5, 5, 5}));
  for (const std::string bad : {R"({"q":"x","person":5})", R"({"q":"x","place":[1]})", R"({"q":"x","facets":-1})",
                                R"({"q":"x","facets":{"people":3}})", R"({"q":"x","facets":"all"})"}) {
    EXPECT_FALSE(parse_batch_line(bad, 1, defaults).error.empty()) << bad;
  }
  SearchRequest empty_name;
  empty_name.filters = {{EntityType::org, "  "}};
  EXPECT_THROW(normalize(empty_name), UsageError);
}

}  // namespace
}  // namespace newsdex
