// newsdex-ner end to end: the built tool on corpus/ and on small labelled files.
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace newsdex::test {
namespace {

TEST(NerCli, TagPrintsEntitiesWithCharacterOffsets) {
  const auto r = run({kNerBin, "tag", "--json", (kSourceDir / "corpus" / "world").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_GT(lines.size(), 3U);
  std::size_t entities = 0;
  for (const auto& article : lines) {
    ASSERT_TRUE(article.contains("id"));
    ASSERT_TRUE(article["entities"].is_array());
    for (const auto& e : article["entities"]) {
      ++entities;
      const std::string type = e["type"];
      EXPECT_TRUE(type == "PER" || type == "LOC" || type == "ORG" || type == "MISC") << type;
      EXPECT_LT(e["start"].get<std::size_t>(), e["end"].get<std::size_t>());
      EXPECT_TRUE(e["field"] == "title" || e["field"] == "body");
    }
  }
  EXPECT_GT(entities, 20U);
}

TEST(NerCli, OffsetsCountCharactersNotBytes) {
  // "Zürich" has a two-byte character before the entity.
  const auto r =
      run({kNerBin, "tag", "--json"}, "Der Zürich-Besuch: Angela Merkel met Emmanuel Macron in Paris on Monday.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1U);
  const std::u32string body = U"Der Zürich-Besuch: Angela Merkel met Emmanuel Macron in Paris on Monday.";
  bool found_paris = false;
  for (const auto& e : lines[0]["entities"]) {
    if (e["text"] == "Paris") {
      found_paris = true;
      EXPECT_EQ(e["start"].get<std::size_t>(), body.find(U"Paris"));
    }
    EXPECT_NE(e["text"], "Monday");
  }
  EXPECT_TRUE(found_paris) << r.out;
}

TEST(NerCli, EvalScoresAFileAndFlagsAbsentTypes) {
  TempDir dir;
  write_file(dir.path() / "gold.bio",
             "-DOCSTART-\tO\n\nAngela\tB-PER\nMerkel\tI-PER\nvisited\tO\nParis\tB-LOC\n.\tO\n\n"
             "Microsoft\tB-ORG\nhired\tO\nJohn\tB-PER\nSmith\tI-PER\n.\tO\n\n");
  const auto r = run({kNerBin, "eval", "--json", (dir.path() / "gold.bio").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* k : {"overall", "PER", "LOC", "ORG", "MISC"}) {
    ASSERT_TRUE(j.contains(k)) << k;
    for (const char* f : {"precision", "recall", "f1"}) ASSERT_TRUE(j[k].contains(f)) << k << "." << f;
  }
  EXPECT_EQ(j["tokens"], 10);
  EXPECT_TRUE(j.contains("seconds"));
  EXPECT_EQ(j["PER"]["gold"], 2);
  EXPECT_EQ(j["MISC"]["absent_from_gold"], true);
  EXPECT_FALSE(j["PER"].contains("absent_from_gold"));
  EXPECT_GE(j["overall"]["f1"].get<double>(), 0.5);  // the shipped model finds most of these
}

TEST(NerCli, TokenizePrintsOneSentenceALine) {
  const auto r = run({kNerBin, "tokenize"}, "Mr. Blinken's visit ended. The U.S.-led talks resume.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Mr. Blinken 's visit ended .\nThe U.S.-led talks resume .\n");
  TempDir dir;
  write_file(dir.path() / "a.bio", "EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\n");
  const auto b = run({kNerBin, "tokenize", "--bio", (dir.path() / "a.bio").string()});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(b.out, "EU rejects\nPeter\n");
}

TEST(NerCli, BadInputGetsFileAndLine) {
  TempDir dir;
  write_file(dir.path() / "bad.bio", "Paris\tB-LOC\nrose\tQ\n");
  const auto r = run({kNerBin, "eval", (dir.path() / "bad.bio").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.bio:2: error: unknown tag 'Q'"), std::string::npos) << r.err;
  const auto m = run({kNerBin, "tag", "--model", (dir.path() / "none.model").string()}, "text\n");
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("none.model"), std::string::npos) << m.err;
}

TEST(NerCli, TrainWritesAModelThatEvalUses) {
  TempDir dir;
  std::string bio;
  for (int i = 0; i < 30; ++i)
    bio += "-DOCSTART-\tO\n\nMary\tB-PER\nJones\tI-PER\nflew\tO\nto\tO\nLima\tB-LOC\n.\tO\n\n";
  write_file(dir.path() / "t.bio", bio);
  write_file(dir.path() / "gaz" / "loc_countries.tsv", "#h\n");
  for (const char* f :
       {"loc_country_aliases.tsv", "loc_cities.tsv", "loc_admin1.tsv", "misc_demonyms.tsv",
        "per_first_names_us_ssa.tsv", "per_first_names_us1990.tsv", "per_surnames_us1990.tsv", "per_names_intl.tsv",
        "org_international.tsv", "org_companies_us_listed.tsv", "org_universities.tsv", "org_airlines.tsv"}) {
    write_file(dir.path() / "gaz" / f, "#h\n");
  }
  const auto model = (dir.path() / "t.model").string();
  const auto t = run({kNerBin, "train", (dir.path() / "t.bio").string() + ":0.5", "--gazetteers",
                      (dir.path() / "gaz").string(), "--epochs", "3", "-o", model});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.err.find("epoch 3"), std::string::npos) << t.err;
  const auto e = run({kNerBin, "eval", "--json", "--model", model, (dir.path() / "t.bio").string()});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(e.out)["overall"]["f1"].get<double>(), 1.0);
}

}  // namespace
}  // namespace newsdex::test
