#include <sstream>

#include "render/render.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

Results sample_results() {
  Results r;
  r.query = "ceasefire";
  r.total.estimate = r.total.lower = r.total.upper = 2;
  r.limit = 10;
  Hit h;
  h.rank = 1;
  h.id = "world/gaza.txt";
  h.title = "Ceasefire holds";
  h.date = "2021-05-21";
  h.score = 3.25;
  h.snippet = "Z\xC3\xBCrich ceasefire held";
  h.highlights = {{7, 16}};
  h.path = "/corpus/world/gaza.txt";
  h.persons = {"Antony Blinken"};
  h.places = {"Gaza", "West Bank"};
  r.hits.push_back(h);
  r.elapsed_ms = 1.23456;
  return r;
}

TEST(Render, ResultsJsonHasTheContractedFields) {
  const auto j = results_json(sample_results());
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"query", "total", "offset", "limit", "hits", "facets", "facet_totals",
                                            "suggestion", "elapsed_ms"}));
  EXPECT_EQ(j["total"]["estimate"], 2);
  const auto& hit = j["hits"][0];
  std::vector<std::string> hit_keys;
  for (const auto& [k, v] : hit.items()) hit_keys.push_back(k);
  EXPECT_EQ(hit_keys,
            (std::vector<std::string>{"rank", "id", "title", "date", "score", "partial", "snippet", "highlights",
                                      "title_highlights", "source", "url", "path", "entities"}));
  EXPECT_EQ(hit["entities"].dump(), R"({"person":["Antony Blinken"],"place":["Gaza","West Bank"],"org":[]})");
  EXPECT_EQ(hit["highlights"][0]["start"], 7);
  EXPECT_EQ(hit["highlights"][0]["end"], 16);
  EXPECT_TRUE(hit["source"].is_null());
  EXPECT_TRUE(hit["url"].is_null());
  EXPECT_TRUE(j["suggestion"].is_null());
  EXPECT_TRUE(j["facets"].is_object());
  EXPECT_DOUBLE_EQ(j["elapsed_ms"].get<double>(), 1.235);
}

TEST(Render, FacetsAndNotesAppearWhenPresent) {
  Results r = sample_results();
  r.facets.push_back({"person", {{"Antony Blinken", 1}}, 1});
  r.facets.push_back({"place", {{"Gaza", 2}, {"Egypt", 1}}, 312});
  r.notes.push_back("limit capped at 10000");
  r.suggestion = "ceasefire";
  const auto j = results_json(r);
  EXPECT_EQ(j["facets"].begin().key(), "person");
  EXPECT_EQ(j["facets"]["place"][0]["value"], "Gaza");
  EXPECT_EQ(j["facets"]["place"][1]["count"], 1);
  EXPECT_EQ(j["facet_totals"]["place"], 312);
  EXPECT_EQ(j["notes"][0], "limit capped at 10000");
  EXPECT_EQ(j["suggestion"], "ceasefire");
}

TEST(Render, BatchLinesCarryTheirId) {
  BatchAnswer ok{3, "\"q3\"", "ceasefire", sample_results(), ""};
  const auto j = batch_answer_json(ok);
  EXPECT_EQ(j.begin().key(), "id");
  EXPECT_EQ(j["id"], "q3");
  EXPECT_EQ(j["hits"].size(), 1u);
  BatchAnswer bad{4, "4", "\"oops", std::nullopt, "cannot parse"};
  const auto e = batch_answer_json(bad);
  EXPECT_EQ(e["id"], 4);
  EXPECT_EQ(e["line"], 4);
  EXPECT_EQ(e["error"], "cannot parse");
  EXPECT_FALSE(e.contains("hits"));
}

TEST(Render, TextMarksHighlightsBoldOnlyWithColour) {
  std::ostringstream plain, color;
  render_results_text(sample_results(), {false}, plain);
  render_results_text(sample_results(), {true}, color);
  EXPECT_NE(plain.str().find("Z\xC3\xBCrich *ceasefire* held"), std::string::npos) << plain.str();
  EXPECT_EQ(plain.str().find("\x1b["), std::string::npos);
  EXPECT_NE(color.str().find("Z\xC3\xBCrich \x1b[1mceasefire\x1b[0m held"), std::string::npos) << color.str();
  EXPECT_NE(plain.str().find(" 1. Ceasefire holds  (2021-05-21)"), std::string::npos);
  EXPECT_NE(plain.str().find("Results 1\xE2\x80\x93"
                             "1 of 2 for \"ceasefire\""),
            std::string::npos)
      << plain.str();
}

TEST(Render, TextSaysWhenMatchesExistButNoneAreShown) {
  Results r = sample_results();
  r.hits.clear();
  r.limit = 0;
  std::ostringstream out;
  render_results_text(r, {false}, out);
  EXPECT_NE(out.str().find("2 results for \"ceasefire\", none shown at --offset 0 with --limit 0"), std::string::npos)
      << out.str();
  r.total = {0, 0, 0};
  r.query = "";
  std::ostringstream none;
  render_results_text(r, {false}, none);
  EXPECT_EQ(none.str().rfind("No matches (", 0), 0u) << none.str();
}

TEST(Render, TextShowsFacetsUnderTheHits) {
  Results r = sample_results();
  r.facets.push_back({"person", {{"Antony Blinken", 1}}, 1});
  r.facets.push_back({"place", {{"Gaza", 2}, {"Egypt", 1}}, 312});
  r.facets.push_back({"org", {}, 0});
  std::ostringstream out;
  render_results_text(r, {false}, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("\nPeople (1): Antony Blinken 1\nPlaces (top 2 of 312): Gaza 2 \u00b7 Egypt 1\n"),
            std::string::npos)
      << text;
  EXPECT_GT(text.find("People ("), text.find("Results 1"));  // under the hits
  EXPECT_EQ(text.find("Organizations"), std::string::npos);  // nothing to show
}

TEST(Render, ColourFollowsTheTerminalAndNoColor) {
  ::unsetenv("NO_COLOR");
  EXPECT_TRUE(want_color("auto", true));
  EXPECT_FALSE(want_color("auto", false));
  EXPECT_TRUE(want_color("always", false));
  EXPECT_FALSE(want_color("never", true));
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(want_color("auto", true));
  ::unsetenv("NO_COLOR");
}

TEST(Render, IndexSummary) {
  IndexStats s;
  s.files = 3;
  s.added = 40;
  s.replaced = 2;
  s.unchanged = 8;
  s.read = 50;
  s.skipped = s.errors = 1;
  s.documents = 50;
  s.seconds = 0.5;
  const auto j = index_stats_json(s);
  for (const char* k : {"files", "added", "replaced", "unchanged", "skipped", "errors", "warnings", "pruned", "read",
                        "documents", "bytes", "seconds", "articles_per_second", "interrupted"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
  EXPECT_EQ(j["articles_per_second"], 100.0);
  EXPECT_EQ(index_stats_text(s),
            "3 files: 40 added, 2 replaced, 8 unchanged, 1 skipped, 1 error; 50 articles in the database; 0.50 s, "
            "100 articles/s");
  EXPECT_EQ(j["interrupted"], false);
  s.interrupted = true;
  EXPECT_EQ(index_stats_json(s)["interrupted"], true);
  EXPECT_EQ(index_stats_text(s).substr(index_stats_text(s).size() - 13), "; interrupted");
}

}  // namespace
}  // namespace newsdex
