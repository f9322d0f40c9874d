// entities/canonical: mentions cleaned to names, and one article's mentions
// merged into its entities. One table per error class of issue #12 where
// cases repeat.
#include "entities/canonical.hpp"

#include <gtest/gtest.h>

#include "test_tables.hpp"

namespace newsdex {
namespace {

using test::tables;
using enum MentionType;

struct CleanCase {
  MentionType type;
  std::string text, before, after;
  std::string want;  // "" = dropped
  MentionType want_type;
};

void check(const std::vector<CleanCase>& cases) {
  for (const CleanCase& c : cases) {
    const auto got = clean_mention(c.type, c.text, c.before, c.after, tables());
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

TEST(CleanMention, ManyFormsOfOneName) {
  check({
      // Titles and honorifics, whether inside the mention or just before it.
      {person, "Secretary Antony Blinken", "", "", "Antony Blinken", person},
      {person, "Secretary of State Antony Blinken", "", "", "Antony Blinken", person},
      {person, "Mr. Blinken", "", "", "Blinken", person},
      {person, "Mr Blinken's", "", "", "Blinken", person},
      {person, "Blinken\u2019s", "", "", "Blinken", person},
      {person, "Antony Blinken", "said US Secretary of State ", "", "Antony Blinken", person},
      {person, "\u201CBlinken\u201D", "", "", "Blinken", person},
      {person, "@SecBlinken", "", "", "SecBlinken", person},
      {person, "KHALIL AL-HAYYA", "", "", "Khalil Al-Hayya", person},
      {person, "O'NEILL", "", "", "O'Neill", person},
      {person, "President", "", "", "", person},  // a title names no one
      {person, "FM", "", "", "", person},
      {person, "Israel", "", "", "Israel", place},  // a country is a place, whatever the tagger said
      {person, "Image", "", "", "", person},        // junk
      {person, "May", "", "", "", person},
      {person, "May", "Prime Minister Theresa ", "", "", person},
      {person, "May", "said Mr ", "", "May", person},  // a title says it is a person
      {person, "Chad", "said Mr ", "", "Chad", person},
      // Countries: every press form, one name.
      {place, "U.S.", "", "", "United States", place},
      {place, "USA", "", "", "United States", place},
      {place, "the United States", "", "", "United States", place},
      {place, "Britain", "", "", "United Kingdom", place},
      {place, "IRAN", "", "", "Iran", place},
      {org, "U.S.", "", "", "United States", place},
      {place, "Gaza.", "", "", "Gaza", place},  // a full stop is not part of it
      {place, "NEW YORK CITY", "", "", "New York City", place},
      // Nationality words and adjectives are not places.
      {place, "Israeli", "", "", "", place},
      {place, "Israelis", "", "", "", place},
      {place, "Middle Eastern", "", "", "", place},
      {place, "West German", "", "", "", place},
      {place, "South Asian", "", "", "", place},
      {place, "Middle East", "", "", "Middle East", place},
      // Organisations.
      {org, "US State Department", "", "", "State Department", org},
      {org, "British Foreign Office", "", "", "Foreign Office", org},
      {org, "US Steel", "", "", "US Steel", org},  // not a government body: the name stays whole
      {org, "Standard Oil Co", "", "", "Standard Oil", org},
      {org, "Apple, Inc.", "", "", "Apple", org},
      {org, "Inc", "", "", "Inc", org},  // nothing would be left
      {org, "HAMAS", "", "", "Hamas", org},
      {org, "NATO", "", "", "NATO", org},
      {org, "BANK OF ENGLAND", "", "", "Bank of England", org},
      {org, "BBC NEWS", "", "", "BBC News", org},
      {org, "Foreign Affairs", "Israel's Minister of ", "", "", org},  // a portfolio
      {org, "Treasury", "the Secretary of the ", "", "", org},
      {org, "(Reuters)", "", "", "Reuters", org},
      {org, "12345", "", "", "", org},
      {org, "", "", "", "", org},
  });
}

TEST(CleanMention, BrokenMentionsAreMended) {
  check({
      // Possessives, brackets, tickers and quote codes.
      {org, "Standard & Poor's", "", "", "Standard & Poor", org},
      {org, "BBC (British", "", "", "BBC", org},
      {org, "Cup)", "", "", "Cup", org},
      {org, "International Paper Co <IP", "", "", "International Paper", org},
      {org, "BRFD.L", "", "", "", org},
      // Names keep their digits, ampersands and apostrophes.
      {org, "Blink-182", "", "", "Blink-182", org},
      {org, "Radio 1", "", "", "Radio 1", org},
      {org, "Marks & Spencer", "", "", "Marks & Spencer", org},
      {person, "Paul O'Connell", "", "", "Paul O'Connell", person},
      // Amounts and units are no names.
      {org, "5.45m Euros", "", "", "", org},
      {org, "\u00A335bn", "", "", "", org},
      {org, "$1.2 trillion", "", "", "", org},
      {org, "20 percent", "", "", "", org},
      {org, "3M", "", "", "3M", org},
      // A rank is no name, unless the name tables make it one.
      {org, "No. 1", "the world ", "", "", org},
      {org, "No 3", "", "", "", org},
      {place, "No 10", "", "", "No 10", place},  // resolved to Downing Street later, as an alias
      {org, "Nos. 2", "", "", "", org},
      {org, "Nokia 3310", "", "", "Nokia 3310", org},
      // A house number, a sentence's first word, trailing common words.
      {place, "10 Downing Street", "", "", "Downing Street", place},
      {org, "For New Line Cinema", "", "", "New Line Cinema", org},
      {org, "United Automobile Workers union", "", "", "United Automobile Workers", org},
      {person, "Khalil al-Hayya", "", "", "Khalil al-Hayya", person},  // a particle is no common word
      {person, "Reagan Administration", "", "", "Reagan", person},
      // Common nouns in capitals.
      {org, "MPs", "", "", "", org},
      {org, "PCs", "", "", "", org},
  });
}

TEST(CleanMention, TheRightType) {
  check({
      // Peers and royals keep their title before a single name.
      {person, "Lord Falconer", "", "", "Lord Falconer", person},
      {person, "Falconer", "said Lord ", "", "Lord Falconer", person},
      {person, "Amos", "Baroness ", "", "Baroness Amos", person},
      {person, "Prince Charles", "", "", "Prince Charles", person},
      {person, "Lord Sebastian Coe", "", "", "Sebastian Coe", person},
      // An honorific or an initial makes a person whatever the tagger said.
      {org, "Mr Cable", "", "", "Cable", person},
      {org, "Sir Alex Ferguson", "", "", "Alex Ferguson", person},
      {org, "N Lynch", "", "", "N Lynch", person},
      // Venues and streets are places; events, awards and laws are not entities.
      {org, "King Power Stadium", "", "", "King Power Stadium", place},
      {person, "Rose Garden", "", "", "Rose Garden", place},
      {person, "Baker Street", "", "", "Baker Street", place},
      {person, "Nick Park", "", "", "Nick Park", person},  // a person's name may end so
      {org, "Climate Action Summit", "", "", "Climate Action Summit", other},
      {org, "Lisbon Treaty", "", "", "Lisbon Treaty", other},
      {org, "Brit Awards", "", "", "Brit Awards", other},
      {org, "FA Cup", "", "", "FA Cup", other},
      {org, "US Open", "", "", "US Open", other},
      {org, "Open University", "", "", "Open University", org},
      // Organisations named like people: "the band Franz Ferdinand".
      {person, "Franz Ferdinand", "Scottish band ", "", "Franz Ferdinand", org},
      {person, "Chris Martin", "", " frontman", "Chris Martin", org},
      {person, "Taylor Wimpey", "", " shares fell", "Taylor Wimpey", org},
      {person, "Chris Martin", "said singer ", "", "Chris Martin", person},
  });
}

TEST(CleanMention, WorksAndProducts) {
  struct Case {
    MentionType type;
    std::string text, before, after;
    bool work;
  };
  for (const Case& c : std::vector<Case>{
           {person, "Ray", "starring in the film ", " as", true},
           {person, "Ray", "\"", "\" won", true},
           {person, "Ray", "\u201C", "\u201D won", true},
           {org, "Newsnight", "BBC Two's ", " programme", false},  // after an organisation the noun says nothing
           {other, "Newsnight", "BBC Two's ", " programme", true},
           {person, "Big Brother", "the show ", "", true},
           {person, "Freak Like Me", "recent singles ", "", true},
           {org, "Labour", "a single ", " MP", false},  // "single" alone is no work's noun
           {org, "Labour", "polls show ", "", false},
           {person, "Tony Blair", "said ", " on", false},
       }) {
    const auto got = clean_mention(c.type, c.text, c.before, c.after, tables());
    ASSERT_TRUE(got) << c.text;
    EXPECT_EQ(got->work, c.work) << c.before << "[" << c.text << "]" << c.after;
  }
  EXPECT_TRUE(clean_mention(person, "Mr. Blinken", "", "", tables())->titled);
  EXPECT_FALSE(clean_mention(person, "Blinken", "said ", "", tables())->titled);
  EXPECT_TRUE(clean_mention(org, "HAMAS", "", "", tables())->shouted);
  EXPECT_FALSE(clean_mention(org, "NATO", "", "", tables())->shouted);  // an acronym
}

TEST(Abbreviates, AcronymsAndTheirNames) {
  struct Case {
    std::string acronym, name;
    bool yes;
  };
  for (const Case& c : std::vector<Case>{
           {"UKIP", "UK Independence Party", true},
           {"OSCE", "Organization for Security and Co-operation in Europe", true},
           {"WHO", "World Health Organization", true},
           {"FIFA", "Federation Internationale de Football Association", true},
           {"NATO", "North Atlantic Treaty Organization", true},
           {"BBC", "British Broadcasting Corporation", true},
           {"SNP", "Scottish National Party", true},
           {"ABC", "British Broadcasting Corporation", false},
           {"EU", "European Union Commission", false},
           {"EC", "European", false},
       }) {
    EXPECT_EQ(abbreviates(c.acronym, c.name), c.yes) << c.acronym << " / " << c.name;
  }
}

RawMention M(MentionType type, std::string_view text, std::string_view before = "", bool in_title = false,
             std::string_view after = "") {
  RawMention m;
  m.type = type;
  m.text = text;
  m.before = before;
  m.after = after;
  m.in_title = in_title;
  return m;
}

std::vector<std::string> names_of(const std::vector<NamedEntity>& entities) {
  std::vector<std::string> out;
  for (const auto& e : entities) out.push_back(std::string(mention_name(e.type)) + ":" + e.name);
  return out;
}

TEST(ResolveEntities, WithinAnArticle) {
  struct Case {
    std::string what;
    std::vector<RawMention> mentions;
    std::vector<std::string> want;
  };
  RawMention listed = M(person, "Ferreira");
  listed.in_list = true;
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
      {"an initial and surname, a peer's title and surname, a middle initial left out",
       {M(person, "Paul O'Connell"), M(person, "P O'Connell"), M(person, "Charles Falconer"),
        M(person, "Lord Falconer"), M(person, "George W. Bush"), M(person, "George Bush")},
       {"person:Paul O'Connell", "person:Charles Falconer", "person:George W. Bush"}},
      {"a lone word, once, without a title, is dropped",
       {M(person, "Antony Blinken"), M(person, "Isreal")},
       {"person:Antony Blinken"}},
      {"a lone word named twice, after a title, or in a line-up, stays",
       {M(person, "Madonna"), M(person, "Madonna"), M(person, "Putin", "said President "), listed},
       {"person:Madonna", "person:Putin", "person:Ferreira"}},
      {"countries, whatever the form, are one place",
       {M(place, "U.S."), M(place, "United States"), M(org, "US"), M(place, "USA")},
       {"place:United States"}},
      {"a capitalised name takes the article's own casing",
       {M(org, "HAMAS", "", true), M(org, "Hamas"), M(person, "KHALIL AL-HAYYA"), M(person, "Khalil al-Hayya")},
       {"org:Hamas", "person:Khalil al-Hayya"}},
      {"an all-capitals headline's names need the body to confirm them",
       {M(org, "FORM FINANCIAL UNIT", "", true), M(org, "STANDARD OIL", "", true), M(org, "Standard Oil Co")},
       {"org:Standard Oil"}},
      {"the same name as two types is one entity, of the commoner type",
       {M(place, "Washington"), M(person, "Denzel Washington"), M(person, "Washington")},
       {"place:Washington", "person:Denzel Washington"}},
      {"an acronym the article defines is the organisation it stands for",
       {M(org, "World Health Organization"), M(org, "WHO"), M(org, "UKIP"), M(org, "UK Independence Party"),
        M(org, "NATO")},
       {"org:World Health Organization", "org:UK Independence Party", "org:NATO"}},
      {"two people joined by 'and' are two; a place is never split; an org only when both are named alone",
       {M(person, "Tony Blair and Gordon Brown"), M(place, "Bethnal Green and Bow"), M(org, "Marks and Spencer"),
        M(org, "Procter and Gamble Co"), M(org, "Procter & Gamble")},
       {"person:Tony Blair", "person:Gordon Brown", "place:Bethnal Green and Bow", "org:Marks and Spencer",
        "org:Procter and Gamble"}},
      {"a list is split at its commas, but not a name that lists inside it",
       {M(org, "Bank, HM Treasury"), M(org, "Commodity Board for Margarine, Fats and Oils"),
        M(person, "Martin Luther King, Jr.")},
       {"org:Bank", "org:HM Treasury", "org:Commodity Board for Margarine, Fats and Oils",
        "person:Martin Luther King, Jr."}},
      {"a country's possessive before a name is the country and the name",
       {M(org, "Germany's Social Democrats"), M(org, "St John's Wood")},
       {"place:Germany", "org:Social Democrats", "org:St John's Wood"}},
      {"a US politician's party and state",
       {M(person, "John McCain"), M(org, "R-Ariz.")},
       {"person:John McCain", "other:Republican", "place:Ariz"}},
      {"a party's alias before a title or another name",
       {M(org, "Labour MPs"), M(org, "Lib Dem Treasury"), M(person, "Democrat Barack Obama"), M(org, "Labour Party")},
       {"org:Labour", "org:Lib Dem", "org:Treasury", "other:Democrat", "person:Barack Obama", "org:Labour Party"}},
      {"an alias of several entities is an organisation, as the knowledge says",
       {M(other, "Conservatives"), M(place, "Canada"), M(org, "Labour"), M(org, "Tories")},
       {"org:Conservatives", "place:Canada", "org:Labour", "org:Tories"}},
      {"a title makes a person; work cues on half the mentions make a work",
       {M(org, "Chad", "said Mr "), M(person, "Ray", "the film "), M(person, "Ray", "\"", false, "\" won"),
        M(org, "Ray")},
       {"person:Chad", "other:Ray"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(names_of(resolve_entities(c.mentions, tables())), c.want) << c.what;
  }
}

TEST(ResolveEntities, AnAmbiguousAliasIsTheEntityTheArticleMeans) {
  const auto got = resolve_entities(
      std::vector<RawMention>{M(other, "Conservatives"), M(place, "Canada"), M(org, "Labour"), M(org, "Tories")},
      tables());
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].hint, "Conservative Party of Canada");  // the country the article names
  EXPECT_EQ(got[2].hint, "Labour Party");                  // the only one that names no country
  EXPECT_EQ(got[3].hint, "");                              // "Tories" names one entity: no hint needed
  const auto named =
      resolve_entities(std::vector<RawMention>{M(org, "Conservatives"), M(org, "Conservative Party")}, tables());
  EXPECT_EQ(named[0].hint, "Conservative Party");  // the one the article names in full
}

TEST(ResolveEntities, FlagsSayWhatTheArticleSaid) {
  RawMention bill = M(person, "Bill", "said ");
  bill.first_name = true;
  const auto got = resolve_entities(
      std::vector<RawMention>{M(person, "Blair", "said Mr "), bill, bill, M(other, "Ray", "the film ")}, tables());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], (NamedEntity{person, "Blair", NamedEntity::kTitled, "", 1}));
  EXPECT_EQ(got[1], (NamedEntity{person, "Bill", NamedEntity::kFirstName, "", 2}));  // named twice
  EXPECT_EQ(got[2], (NamedEntity{other, "Ray", NamedEntity::kWork, "", 1}));
}

TEST(ResolveEntities, ProminenceCountsMentionsHeadlineAndOpening) {
  RawMention title = M(person, "Tony Blair");
  title.in_title = true;
  RawMention lead = M(person, "Blair", "said Mr ");
  lead.in_lead = true;
  const auto got = resolve_entities(
      std::vector<RawMention>{title, lead, M(person, "Blair", "Mr "), M(place, "London", "in ")}, tables());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].name, "Tony Blair");
  EXPECT_EQ(got[0].mentions, 3);  // the partial names are his
  EXPECT_TRUE(got[0].has(NamedEntity::kInTitle));
  EXPECT_TRUE(got[0].has(NamedEntity::kInLead));
  EXPECT_EQ(got[0].prominence(), 3u + 5u + 3u);
  EXPECT_EQ(got[1].prominence(), 1u);  // once, further on
}

}  // namespace
}  // namespace newsdex
