// newsdex-query --entities and newsdex-index --aliases, run as a user runs them.
#include <set>

#include "test_support.hpp"

namespace newsdex {
namespace {

using json = nlohmann::json;
using test::run;
using test::TempDir;
using test::write_file;

// Articles in the sample's layout, with names that resolve across them.
void write_archive(const TempDir& dir) {
  write_file(dir / "news/a.txt",
             "date 2005-05-06 Prime Minister Tony Blair won a third term for Labour on Friday, as the "
             "Conservative Party gained seats in London and Michael Howard said the Tories had done well.");
  write_file(dir / "news/b.txt",
             "date 2005-05-07 Tony Blair named his new cabinet in London on Saturday. Mr Blair kept Gordon Brown "
             "at the Treasury, and the Liberal Democrats under Charles Kennedy said the Labour Party had lost its way.");
  write_file(dir / "news/c.txt",
             "date 2005-05-08 Mr Blair spoke in Sedgefield on Sunday. The Lib Dems said Labour's majority had fallen "
             "and the Tories called for a recount in Putney.");
}

json entities(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {test::kQueryBin, "--db", db, "--json"});
  const auto r = run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

std::vector<std::string> names(const json& listing) {
  std::vector<std::string> out;
  for (const auto& e : listing["entities"]) out.push_back(e["name"]);
  return out;
}

TEST(CliEntities, ListsTheArchivesEntitiesWithCountsAndAliases) {
  TempDir dir;
  write_archive(dir);
  ASSERT_EQ(run({test::kIndexBin, "--db", dir / "db", "-q", dir / "news"}).exit_code, 0);
  const json people = entities(dir / "db", {"--entities", "person"});
  EXPECT_EQ(people["type"], "person");
  ASSERT_GE(people["total"].get<int>(), 3);
  // Most articles first: Tony Blair in all three, "Mr Blair" among his aliases.
  EXPECT_EQ(people["entities"][0]["name"], "Tony Blair");
  EXPECT_EQ(people["entities"][0]["count"], 3);
  const auto aliases = people["entities"][0]["aliases"];
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "Blair"), aliases.end()) << aliases.dump();
  // Counts never rise as the list goes on.
  for (std::size_t i = 1; i < people["entities"].size(); ++i) {
    EXPECT_LE(people["entities"][i]["count"], people["entities"][i - 1]["count"]);
  }
  // A prefix of the name or of any word of it; a limit.
  EXPECT_EQ(names(entities(dir / "db", {"--entities", "person", "--prefix", "bla"})),
            (std::vector<std::string>{"Tony Blair"}));
  EXPECT_EQ(names(entities(dir / "db", {"--entities", "person", "--prefix", "TONY"})),
            (std::vector<std::string>{"Tony Blair"}));
  const json one = entities(dir / "db", {"--entities", "place", "--limit", "1"});
  EXPECT_EQ(one["entities"].size(), 1u);
  EXPECT_GE(one["total"].get<int>(), 2);
  // The party under one name, whatever the article called it.
  const json orgs = entities(dir / "db", {"--entities", "org", "--prefix", "labour"});
  ASSERT_EQ(names(orgs), (std::vector<std::string>{"Labour Party"}));
  EXPECT_EQ(orgs["entities"][0]["count"], 3);
  const json tories = entities(dir / "db", {"--entities", "org", "--prefix", "conserv"});
  ASSERT_EQ(names(tories), (std::vector<std::string>{"Conservative Party"}));
  EXPECT_EQ(tories["entities"][0]["count"], 2);
  // And a filter by any of its names finds the same articles.
  const auto by_alias = run({test::kQueryBin, "--db", dir / "db", "--json", "org:Tories"});
  EXPECT_EQ(json::parse(by_alias.out)["total"]["estimate"], 2);

  // Text for a person: a heading, then a line each.
  const auto text = run({test::kQueryBin, "--db", dir / "db", "--entities", "person", "--prefix", "blair"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("People matching \"blair\" (1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Tony Blair  3  (also: "), std::string::npos) << text.out;
  // Usage errors.
  EXPECT_EQ(run({test::kQueryBin, "--db", dir / "db", "--entities", "people"}).exit_code, 2);
  const auto stray = run({test::kQueryBin, "--db", dir / "db", "--prefix", "bla", "blair"});
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_NE(stray.err.find("--prefix goes with --entities"), std::string::npos) << stray.err;
}

TEST(CliAliases, MergeSplitAndDropWithoutARebuild) {
  TempDir dir;
  write_archive(dir);
  ASSERT_EQ(run({test::kIndexBin, "--db", dir / "db", "-q", dir / "news"}).exit_code, 0);
  EXPECT_EQ(names(entities(dir / "db", {"--entities", "org", "--prefix", "labour"})),
            (std::vector<std::string>{"Labour Party"}));
  // Keep "Labour" apart from the Labour Party, merge Gordon Brown into a
  // nickname, drop the Treasury; one bad row.
  write_file(dir / "aliases.tsv",
             "# type\tcanonical\talias\n"
             "org\tLabour\tLabour\n"
             "person\tThe Iron Chancellor\tGordon Brown\n"
             "org\tTreasury\t-\n"
             "person\tno tabs here\n");
  auto r = run({test::kIndexBin, "--db", dir / "db", "--json", "--aliases", dir / "aliases.tsv", dir / "news"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the bad row: reported, skipped, the rest applied
  EXPECT_NE(r.err.find("aliases.tsv:5: error: expected 3 TAB-separated columns, found 2"), std::string::npos)
      << r.err;
  EXPECT_EQ(json::parse(r.out)["read"], 0) << "nothing was read again";
  const auto labour = names(entities(dir / "db", {"--entities", "org", "--prefix", "labour"}));
  EXPECT_EQ(std::set<std::string>(labour.begin(), labour.end()), (std::set<std::string>{"Labour", "Labour Party"}));
  EXPECT_EQ(names(entities(dir / "db", {"--entities", "person", "--prefix", "iron"})),
            (std::vector<std::string>{"The Iron Chancellor"}));
  EXPECT_TRUE(names(entities(dir / "db", {"--entities", "org", "--prefix", "treasury"})).empty());
  r = run({test::kQueryBin, "--db", dir / "db", "--json", "person:\"Gordon Brown\""});
  EXPECT_EQ(json::parse(r.out)["total"]["estimate"], 1);
  // An unreadable file is a usage error.
  r = run({test::kIndexBin, "--db", dir / "db", "--aliases", dir / "missing.tsv", dir / "news"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read the aliases file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex
