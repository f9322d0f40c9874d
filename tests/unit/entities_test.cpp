// The entities stage: name tables, canonical names, in-article resolution,
// and the extractor over the shipped model.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "entities/canonical.hpp"
#include "entities/names.hpp"
#include "entities/ner_extractor.hpp"
#include "entities/short_forms.hpp"
#include "ner/model.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

// A small table in the model's format, so these tests do not depend on the model.
const NameTables& tables() {
  static const NameTables t = NameTables::parse(
      "# kind\tform\tvalue\n"
      "alias\tUnited States\tUnited States\n"
      "alias\tUnited States of America\tUnited States\n"
      "alias\tUSA\tUnited States\n"
      "alias\tU.S.\tUnited States\n"
      "alias\tUS\tUnited States\n"
      "alias\tUnited Kingdom\tUnited Kingdom\n"
      "alias\tBritain\tUnited Kingdom\n"
      "alias\tUK\tUnited Kingdom\n"
      "alias\tIsrael\tIsrael\n"
      "alias\tRepublic of Türkiye\tTürkiye\n"
      "alias\tTürkiye\tTurkey\n"
      "alias\tIran\tIran\n"
      "alias\tNetherlands\tNetherlands\n"
      "title\tMr.\n"
      "title\tMr\n"
      "title\tSecretary\n"
      "title\tSecretary of State\n"
      "title\tForeign Minister\n"
      "title\tPresident\n"
      "title\tFM\n"
      "demonym\tIsraeli\tIsrael\n"
      "demonym\tBritish\tUnited Kingdom\n"
      "demonym\tAmerican\tUnited States\n"
      "govbody\tState Department\tUnited States\n"
      "govbody\tForeign Office\tUnited Kingdom\n"
      "junk\tImage\n"
      "junk\tMay\n",
      "test tables");
  return t;
}

TEST(NameTables, KeysIgnoreCaseDotsSpacesAndThe) {
  EXPECT_EQ(NameTables::key("The  U.S. "), "us");
  EXPECT_EQ(*tables().country("u.s."), "United States");
  EXPECT_EQ(*tables().country("the Netherlands"), "Netherlands");
  EXPECT_EQ(*tables().country("Republic of Türkiye"), "Turkey");  // values are looked up once more
  EXPECT_EQ(tables().country("Gaza"), nullptr);
  EXPECT_TRUE(tables().is_title("secretary of state"));
  EXPECT_EQ(tables().rows(), 27u);
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
       }) {
    try {
      NameTables::parse(c.text, "names.tsv");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos) << e.what();
    }
  }
}

TEST(CleanMention, ManyFormsOfOneName) {
  struct Case {
    EntityType type;
    std::string text, before;
    std::string want;  // "" = dropped
    EntityType want_type;
  };
  using enum EntityType;
  const std::vector<Case> cases{
      // Titles and honorifics, whether inside the mention or just before it.
      {person, "Secretary Antony Blinken", "", "Antony Blinken", person},
      {person, "Secretary of State Antony Blinken", "", "Antony Blinken", person},
      {person, "Mr. Blinken", "", "Blinken", person},
      {person, "Mr Blinken's", "", "Blinken", person},
      {person, "Blinken\u2019s", "", "Blinken", person},
      {person, "Antony Blinken", "said US Secretary of State ", "Antony Blinken", person},
      {person, "\u201CBlinken\u201D", "", "Blinken", person},
      {person, "@SecBlinken", "", "SecBlinken", person},
      {person, "KHALIL AL-HAYYA", "", "Khalil Al-Hayya", person},
      {person, "O'NEILL", "", "O'Neill", person},
      {person, "President", "", "", person},  // a title names no one
      {person, "FM", "", "", person},
      {person, "Israel", "", "Israel", place},  // a country is a place, whatever the tagger said
      {person, "Image", "", "", person},        // junk
      {person, "May", "", "", person},
      {person, "May", "Prime Minister Theresa ", "", person},
      {person, "May", "said Mr ", "May", person},  // a title says it is a person
      {person, "Chad", "said Mr ", "Chad", person},
      {person, "Cuban", "Mr ", "Cuban", person},
      // Countries: every press form, one name.
      {place, "U.S.", "", "United States", place},
      {place, "US", "", "United States", place},
      {place, "USA", "", "United States", place},
      {place, "United States of America", "", "United States", place},
      {place, "the United States", "", "United States", place},
      {place, "Britain", "", "United Kingdom", place},
      {place, "UK", "", "United Kingdom", place},
      {place, "IRAN", "", "Iran", place},
      {org, "U.S.", "", "United States", place},
      {place, "West Bank", "", "West Bank", place},
      {place, "Gaza.", "", "Gaza", place},  // a full stop is not part of it
      {place, "LONDON", "", "London", place},
      {place, "NEW YORK CITY", "", "New York City", place},
      // Nationality words and adjectives are not places.
      {place, "Israeli", "", "", place},
      {place, "Israelis", "", "", place},
      {place, "Middle Eastern", "", "", place},
      {place, "Middle East", "", "Middle East", place},
      {place, "Northern Ireland", "", "Northern Ireland", place},
      // Organisations.
      {org, "US State Department", "", "State Department", org},
      {org, "U.S. State Department", "", "State Department", org},
      {org, "the State Department", "", "State Department", org},
      {org, "British Foreign Office", "", "Foreign Office", org},
      {org, "US Steel", "", "US Steel", org},  // not a government body: the name stays whole
      {org, "Standard Oil Co", "", "Standard Oil", org},
      {org, "British Petroleum Co Plc", "", "British Petroleum", org},
      {org, "Apple, Inc.", "", "Apple", org},
      {org, "Inc", "", "Inc", org},  // nothing would be left
      {org, "HAMAS", "", "Hamas", org},
      {org, "NATO", "", "NATO", org},
      {org, "BANK OF ENGLAND", "", "Bank of England", org},
      {org, "BBC NEWS", "", "BBC News", org},
      {org, "Foreign Affairs", "Israel's Minister of ", "", org},  // a portfolio
      {org, "Treasury", "the Secretary of the ", "", org},
      {org, "Microsoft", "the President of ", "Microsoft", org},
      {org, "(Reuters)", "", "Reuters", org},
      {org, "12345", "", "", org},
      {org, "", "", "", org},
  };
  for (const Case& c : cases) {
    const auto got = clean_mention(c.type, c.text, c.before, tables());
    if (c.want.empty()) {
      EXPECT_FALSE(got) << c.text << " -> " << (got ? got->name : "");
    } else if (!got) {
      ADD_FAILURE() << c.text << " was dropped";
    } else {
      EXPECT_EQ(got->name, c.want) << c.text;
      EXPECT_EQ(got->type, c.want_type) << c.text;
    }
  }
}

TEST(CleanMention, TitledAndShouted) {
  EXPECT_TRUE(clean_mention(EntityType::person, "Mr. Blinken", "", tables())->titled);
  EXPECT_TRUE(clean_mention(EntityType::person, "Blinken", "said President ", tables())->titled);
  EXPECT_FALSE(clean_mention(EntityType::person, "Blinken", "said ", tables())->titled);
  EXPECT_TRUE(clean_mention(EntityType::org, "HAMAS", "", tables())->shouted);
  EXPECT_FALSE(clean_mention(EntityType::org, "Hamas", "", tables())->shouted);
  EXPECT_FALSE(clean_mention(EntityType::org, "NATO", "", tables())->shouted);  // an acronym
}

RawMention M(EntityType type, std::string_view text, std::string_view before = "", bool in_title = false) {
  return RawMention{type, text, before, in_title};
}

std::vector<std::string> names_of(const std::vector<Entity>& entities) {
  std::vector<std::string> out;
  for (const auto& e : entities) out.push_back(std::string(facet_name(e.type)) + ":" + e.name);
  return out;
}

TEST(ResolveEntities, WithinAnArticle) {
  using enum EntityType;
  struct Case {
    std::string what;
    std::vector<RawMention> mentions;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases{
      {"a surname and a first name resolve to the full name",
       {M(person, "Antony Blinken"), M(person, "Blinken"), M(person, "Gabi Ashkenazi"), M(person, "Gabi"),
        M(person, "Ashkenazi")},
       {"person:Antony Blinken", "person:Gabi Ashkenazi"}},
      {"the full name may come later (a headline names the surname first)",
       {M(person, "Blinken", "", true), M(person, "Blinken"), M(person, "Antony Blinken")},
       {"person:Antony Blinken"}},
      {"the nearest full name before wins",
       {M(person, "George Bush"), M(person, "Bush"), M(person, "Jeb Bush"), M(person, "Bush")},
       {"person:George Bush", "person:Jeb Bush"}},
      {"a surname after a particle", {M(person, "Khalil al-Hayya"), M(person, "Hayya")}, {"person:Khalil al-Hayya"}},
      {"a lone word, once, without a title, is dropped",
       {M(person, "Antony Blinken"), M(person, "Isreal")},
       {"person:Antony Blinken"}},
      {"a lone word named twice, or after a title, stays",
       {M(person, "Madonna"), M(person, "Madonna"), M(person, "Putin", "said President ")},
       {"person:Madonna", "person:Putin"}},
      {"titles are stripped before resolving",
       {M(person, "Secretary Antony Blinken"), M(person, "Mr. Blinken")},
       {"person:Antony Blinken"}},
      {"countries, whatever the form, are one place",
       {M(place, "U.S."), M(place, "United States"), M(org, "US"), M(place, "USA")},
       {"place:United States"}},
      {"a capitalised name takes the article's own casing",
       {M(org, "HAMAS", "", true), M(org, "Hamas"), M(person, "KHALIL AL-HAYYA"), M(person, "Khalil al-Hayya")},
       {"org:Hamas", "person:Khalil al-Hayya"}},
      {"an all-capitals headline's names need the body to confirm them",
       {M(org, "FORM FINANCIAL UNIT", "", true), M(org, "STANDARD OIL", "", true), M(org, "Standard Oil Co")},
       {"org:Standard Oil"}},
      {"a headline alone keeps its names", {M(org, "STANDARD OIL", "", true)}, {"org:Standard Oil"}},
      {"the same name as two types stays two entities",
       {M(place, "Washington"), M(person, "Denzel Washington"), M(person, "Washington")},
       {"place:Washington", "person:Denzel Washington"}},
      {"an acronym the article defines is the organisation it stands for",
       {M(org, "World Health Organization"), M(org, "WHO"), M(org, "OSCE"),
        M(org, "Organization for Security and Co-operation in Europe"), M(org, "NATO")},
       {"org:World Health Organization", "org:Organization for Security and Co-operation in Europe", "org:NATO"}},
      {"case variants are one entity, first spelling kept",
       {M(person, "Khalil al-Hayya"), M(person, "Khalil Al-Hayya")},
       {"person:Khalil al-Hayya"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(names_of(resolve_entities(c.mentions, tables())), c.want) << c.what;
  }
}

TEST(ShortForms, KeysCandidatesAndRecords) {
  using enum EntityType;
  struct Case {
    EntityType type;
    std::string name, short_key, partial_key;
  };
  for (const Case& c : std::vector<Case>{
           {person, "Ronald Reagan", "reagan", ""},
           {person, "Martin Luther King Jr.", "king", ""},
           {person, "Reagan", "", "reagan"},
           {org, "European Community", "ec", ""},
           {org, "Securities and Exchange Commission", "sec", ""},
           {org, "EC", "", "ec"},
           {org, "Hamas", "", ""},
           {org, "NATO", "", "nato"},
           {org, "Apple", "", ""},
           {place, "United States", "", ""},
           {place, "US", "", ""},
       }) {
    EXPECT_EQ(short_key(c.type, c.name), c.short_key) << c.name;
    EXPECT_EQ(partial_key(c.type, c.name), c.partial_key) << c.name;
  }
  EXPECT_EQ(initials("Organization for Security and Co-operation in Europe", true), "OSCOE");
  EXPECT_EQ(initials("Organization for Security and Co-operation in Europe", false), "OSCE");
  EXPECT_EQ(initials("Alternative for Germany", false), "AG");

  Candidates c;
  c.add("Ronald Reagan", 1);
  EXPECT_FALSE(c.dominant());  // one article is not enough
  c.add("Ronald Reagan", 1);
  EXPECT_EQ(c.dominant(), "Ronald Reagan");
  c.add("Nancy Reagan", 1);
  EXPECT_EQ(c.dominant(), "Ronald Reagan");  // 2 of 3
  c.add("Nancy Reagan", 1);
  EXPECT_FALSE(c.dominant());  // 2 of 4
  c.add("Nancy Reagan", -2);
  EXPECT_EQ(c.articles.count("Nancy Reagan"), 0u);
  EXPECT_EQ(Candidates::decode(c.encode()).articles, c.articles);
  EXPECT_EQ(Candidates::decode("A\t2\nbroken\nB\t-1\nC\tx\n").articles.size(), 1u);

  const std::vector<ShortForm> forms{{person, "reagan", "Reagan", "Ronald Reagan"}, {org, "ec", "EC", "EC"}};
  EXPECT_EQ(decode_short_forms(encode_short_forms(forms)), forms);
  EXPECT_TRUE(decode_short_forms("nobody\tx\tX\tX\nperson\tonly three\n").empty());
}

TEST(NerEntityExtractor, TheSampleArticle) {
  const auto model = ner::Model::load(ner::default_model_path());
  NerEntityExtractor extractor(model);
  Article a;
  a.title = "Blinken to visit Middle East after ceasefire";
  a.body =
      "United States Secretary of State Antony Blinken said on Friday he spoke with Israeli Foreign Minister Gabi "
      "Ashkenazi. Blinken welcomed the ceasefire in Gaza, mediated by Egypt. As per the US State Department's "
      "readout, Mr. Blinken will travel to the region. Hamas leader Khalil al-Hayya spoke in Gaza City.";
  std::set<std::string> got;
  for (const auto& n : names_of(extractor.extract(a))) got.insert(n);
  for (const std::string want :
       {"person:Antony Blinken", "person:Gabi Ashkenazi", "person:Khalil al-Hayya", "place:United States", "place:Gaza",
        "place:Egypt", "org:State Department", "org:Hamas"}) {
    EXPECT_TRUE(got.count(want)) << want;
  }
  for (const std::string junk : {"person:Blinken", "person:Ashkenazi", "place:Israeli", "person:Friday"}) {
    EXPECT_FALSE(got.count(junk)) << junk;
  }
  EXPECT_EQ(extractor.version().size(), 16u);
}

}  // namespace
}  // namespace newsdex
