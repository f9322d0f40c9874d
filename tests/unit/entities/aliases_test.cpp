// entities/aliases: the shipped knowledge and the user's --aliases file.
#include "entities/aliases.hpp"

#include <gtest/gtest.h>

#include "entities/keys.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

TEST(AliasTable, RowsByAlias) {
  const AliasTable t = AliasTable::parse(
      "#type\tcanonical\talias\n"
      "org\tConservative Party\tTories\n"
      "org\tConservative Party\tConservatives\n"
      "org\tConservative Party of Canada\tConservatives\n"
      "org\tPC\t-\n"
      "org\tLabour\tLabour\n"
      "\n"
      "person\tTony Blair\tT. Blair\r\n",
      "aliases.tsv");
  EXPECT_EQ(t.rows(), 6u);
  ASSERT_NE(t.find(entity_key("tories")), nullptr);
  EXPECT_EQ(t.find("tories")->front(), (AliasTarget{EntityType::org, "Conservative Party", false}));
  ASSERT_EQ(t.find("conservatives")->size(), 2u);  // an alias naming two entities keeps both, in file order
  EXPECT_EQ((*t.find("conservatives"))[1].canonical, "Conservative Party of Canada");
  EXPECT_TRUE(t.find("pc")->front().drop);
  EXPECT_EQ(t.find("labour")->front().canonical, "Labour");  // a name of its own
  EXPECT_EQ(t.find("t blair")->front().type, EntityType::person);
  EXPECT_EQ(t.find("blair"), nullptr);
  EXPECT_TRUE(t.is_canonical("conservative party"));
  EXPECT_FALSE(t.is_canonical("pc"));  // a dropped name is no canonical
  EXPECT_FALSE(t.is_canonical("tories"));
}

TEST(AliasTable, EncodesAndSaysWhichNamesChanged) {
  const AliasTable a = AliasTable::parse("org\tConservative Party\tTories\norg\tPC\t-\n", "a");
  const AliasTable again = AliasTable::parse(a.encode(), "encoded");
  EXPECT_EQ(again.entries(), a.entries());
  const AliasTable b = AliasTable::parse("org\tConservative Party\tTories\norg\tLabour Party\tLabour\n", "b");
  EXPECT_EQ(AliasTable::changed_keys(a, b), (std::vector<std::string>{"labour", "pc"}));
  EXPECT_TRUE(AliasTable::changed_keys(a, again).empty());
  const AliasTable c = AliasTable::parse("org\tConservatives\tTories\n", "c");
  EXPECT_EQ(AliasTable::changed_keys(a, c), (std::vector<std::string>{"pc", "tories"}));
}

TEST(AliasTable, BadRowsNameTheirFileAndLine) {
  struct Case {
    std::string text, error;
  };
  for (const Case& c : std::vector<Case>{
           {"org\tConservative Party\n", "aliases.tsv:1: error: expected 3 TAB-separated columns, found 2"},
           {"# ok\nparty\tLabour\tLab\n", "aliases.tsv:2: error: unknown type 'party'"},
           {"org\t...\tLab\n", "aliases.tsv:1: error: the name '...' has no letter or digit"},
           {"org\tLabour\t!!\n", "aliases.tsv:1: error: the alias '!!' has no letter or digit"},
           {"org\tLab\xFF\tLab\n", "aliases.tsv:1: error: invalid UTF-8"},
       }) {
    try {
      AliasTable::parse(c.text, "aliases.tsv");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos) << e.what();
    }
  }
  // With diagnostics, a bad row is reported and skipped; the rest is read.
  CollectingDiagnostics diag;
  const AliasTable t = AliasTable::parse("org\tLabour Party\tLabour\nbad row\norg\tPC\t-\n", "my.tsv", diag);
  EXPECT_EQ(t.rows(), 2u);
  ASSERT_EQ(diag.all.size(), 1u);
  EXPECT_EQ(format_diagnostic(diag.all[0]).substr(0, 16), "my.tsv:2: error:");
  EXPECT_NE(diag.all[0].message.find("skipped"), std::string::npos);
}

}  // namespace
}  // namespace newsdex
