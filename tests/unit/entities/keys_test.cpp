// entities/keys: one key for one name however it is written.
#include "entities/keys.hpp"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(EntityKey, FoldsWhatDoesNotMatter) {
  struct Case {
    std::string name, key;
  };
  for (const Case& c : std::vector<Case>{
           {"George W. Bush", "george w bush"},
           {"George W Bush", "george w bush"},
           {"GEORGE W. BUSH", "george w bush"},
           {"Sinn Féin", "sinn fein"},
           {"José Mourinho", "jose mourinho"},
           {"Marks & Spencer", "marks and spencer"},
           {"Marks and Spencer", "marks and spencer"},
           {"Al-Qaeda", "al qaeda"},
           {"U.S.", "us"},
           {"J.P. Morgan", "jp morgan"},
           {"St.Louis", "st louis"},
           {"The Hague", "hague"},
           {"The the Hague", "hague"},  // every leading "the": a key is its own key
           {"The", "the"},
           {"Blair's", "blair"},
           {"Blair\u2019s", "blair"},
           {"O'Neill", "o'neill"},
           {"O\u2019Neill", "o'neill"},
           {"Standard & Poor's", "standard and poor"},
           {"  Gaza ,  City ", "gaza city"},
           {"Alliance 90/The Greens", "alliance 90 the greens"},
           {"...", ""},
           {"", ""},
       }) {
    EXPECT_EQ(entity_key(c.name), c.key) << c.name;
  }
}

TEST(CanonicalKey, AnOrganisationsPluralIsItsSingular) {
  using enum EntityType;
  EXPECT_EQ(canonical_key(org, "lib dems"), "lib dem");
  EXPECT_EQ(canonical_key(org, "golden globes"), "golden globe");
  EXPECT_EQ(canonical_key(org, "liberal democrats"), "liberal democrat");
  EXPECT_EQ(canonical_key(org, "times"), "times");  // one word: "Times" is not "Time"
  EXPECT_EQ(canonical_key(org, "new york times"), "new york time");
  EXPECT_EQ(canonical_key(org, "kings of leon"), "kings of leon");  // "leon" is no plural
  EXPECT_EQ(canonical_key(org, "veterans affairs"), "veterans affair");
  EXPECT_EQ(canonical_key(org, "lloyd's"), "lloyd's");
  EXPECT_EQ(canonical_key(org, "mass"), "mass");
  EXPECT_EQ(canonical_key(org, "paribas"), "paribas");
  EXPECT_EQ(canonical_key(person, "serena williams"), "serena williams");  // people: never
  EXPECT_EQ(canonical_key(place, "united states"), "united states");
}

TEST(Initials, OfNamesAndAcronyms) {
  EXPECT_EQ(initials("Organization for Security and Co-operation in Europe", true), "OSCOE");
  EXPECT_EQ(initials("Organization for Security and Co-operation in Europe", false), "OSCE");
  EXPECT_EQ(initials("Alternative for Germany", false), "AG");
  EXPECT_TRUE(is_acronym("EC"));
  EXPECT_TRUE(is_acronym("NATO"));
  EXPECT_FALSE(is_acronym("Nato"));
  EXPECT_FALSE(is_acronym("E"));
  EXPECT_FALSE(is_acronym("ABCDEFG"));
  EXPECT_TRUE(is_plural_acronym("PCs"));
  EXPECT_TRUE(is_plural_acronym("MPs"));
  EXPECT_FALSE(is_plural_acronym("BBC"));
  EXPECT_FALSE(is_plural_acronym("Mrs"));
  EXPECT_FALSE(is_plural_acronym("s"));
}

}  // namespace
}  // namespace newsdex
