// entities/names: the tables the model carries for canonical names.
#include "entities/names.hpp"

#include <gtest/gtest.h>

#include "test_tables.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

using test::tables;

TEST(NameTables, KeysIgnoreCaseDotsSpacesAndThe) {
  EXPECT_EQ(NameTables::key("The  U.S. "), "us");
  EXPECT_EQ(*tables().country("u.s."), "United States");
  EXPECT_EQ(*tables().country("the Netherlands"), "Netherlands");
  EXPECT_EQ(*tables().country("Republic of Türkiye"), "Turkey");  // values are looked up once more
  EXPECT_EQ(tables().country("Gaza"), nullptr);
  EXPECT_TRUE(tables().is_title("secretary of state"));
  EXPECT_EQ(tables().rows(), 56u);
}

TEST(NameTables, PeersHonorificsAndKnowledge) {
  EXPECT_TRUE(tables().is_peer("Lord"));
  EXPECT_TRUE(tables().is_title("Baroness"));  // a peer is a title too
  EXPECT_FALSE(tables().is_peer("Mr"));
  EXPECT_TRUE(tables().is_honorific("Mr."));
  EXPECT_FALSE(tables().is_honorific("President"));
  const AliasTable& k = tables().knowledge();
  ASSERT_NE(k.find("tories"), nullptr);
  EXPECT_EQ(k.find("tories")->front().canonical, "Conservative Party");
  EXPECT_EQ(k.find("conservatives")->size(), 2u);
  // Every country's other names are places in the knowledge too.
  ASSERT_NE(k.find("usa"), nullptr);
  EXPECT_EQ(k.find("usa")->front(), (AliasTarget{EntityType::place, "United States", false}));
  EXPECT_TRUE(k.find("oscars")->front().drop);
}

TEST(NameTables, MalformedRowsNameTheirLine) {
  struct Case {
    std::string text, error;
  };
  for (const Case& c : std::vector<Case>{
           {"alias\tUS\tUnited States\nplace\tGaza\n", "names.tsv:2: error: unknown kind 'place'"},
           {"title\tMr\textra\n", "names.tsv:1: error: expected 2 columns"},
           {"# header\nalias\tUS\n", "names.tsv:2: error: expected 3 columns"},
           {"alias\t\tUnited States\n", "names.tsv:1: error: empty name"},
           {"junk\t\xFF\n", "names.tsv:1: error: invalid UTF-8"},
           {"entity\torg\tTories\n", "names.tsv:1: error: expected 4 columns"},
           {"entity\tparty\tConservative Party\tTories\n", "names.tsv:1: error: unknown entity type 'party'"},
           {"entity\torg\t--\tTories\n", "names.tsv:1: error: empty name"},
       }) {
    try {
      NameTables::parse(c.text, "names.tsv");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace newsdex
