// entities/resolution: what a name stands for across the archive.
#include "entities/resolution.hpp"

#include <gtest/gtest.h>

#include <map>

#include "entities/keys.hpp"

namespace newsdex {
namespace {

using enum MentionType;

// The archive's evidence, made by hand: articles per name and type.
class Archive : public Evidence {
 public:
  NameStats& name(const std::string& written) { return stats_[entity_key(written)]; }
  void add(MentionType type, const std::string& written, int articles, std::uint8_t flags = 0) {
    for (int i = 0; i < articles; ++i) {
      name(written).add({type, written, flags}, 1);
      if (const auto f = short_form_of_full(type == person ? EntityType::person : EntityType::org, written);
          f && (type == person || type == org)) {
        forms_[{f->type, f->key}].add(written, 1);
      }
    }
  }
  const Candidates& candidates(const ShortForm& form) override { return forms_[{form.type, form.key}]; }
  const NameStats& stats(const std::string& key) override { return stats_[key]; }

  std::optional<ResolvedEntity> resolve_one(const NamedEntity& e, const NameTablesForResolution& t = {}) {
    const std::string key = entity_key(e.name);
    return resolve(e, key, decide(key, stats_[key], t, *this));
  }

 private:
  std::map<std::string, NameStats> stats_;
  std::map<std::pair<EntityType, std::string>, Candidates> forms_;
};

std::string shown(const std::optional<ResolvedEntity>& r) {
  return r ? std::string(facet_name(r->type)) + ":" + r->key : std::string("-");
}

TEST(Resolution, AShortFormStandsForTheFullNameMostArticlesGive) {
  Archive a;
  a.add(person, "Ronald Reagan", 5);
  a.add(person, "Nancy Reagan", 1);
  a.add(person, "Reagan", 3);
  EXPECT_EQ(shown(a.resolve_one({person, "Reagan"})), "person:ronald reagan");
  // A place named Reagan stays a place (the short form is a person's).
  a.add(place, "Washington", 4);
  a.add(person, "Denzel Washington", 1);  // one article is not enough
  EXPECT_EQ(shown(a.resolve_one({place, "Washington"})), "place:washington");
  a.add(person, "Washington", 1);  // one article's person among four places: the tagger erred
  EXPECT_EQ(shown(a.resolve_one({person, "Washington"})), "place:washington");
  a.add(person, "Washington", 1);  // two articles of six: a person too
  EXPECT_EQ(shown(a.resolve_one({person, "Washington"})), "person:washington");
  // An initial and surname; a peer's title and surname.
  a.add(person, "Paul O'Connell", 3);
  a.add(person, "Donncha O'Callaghan", 3);
  a.add(person, "Mick O'Connell", 1);
  a.add(person, "P O'Connell", 1);
  EXPECT_EQ(shown(a.resolve_one({person, "P O'Connell"})), "person:paul o'connell");
  a.add(person, "Charles Falconer", 2);
  a.add(person, "Lord Falconer", 1, NamedEntity::kTitled);
  EXPECT_EQ(shown(a.resolve_one({person, "Lord Falconer", NamedEntity::kTitled})), "person:charles falconer");
  a.add(person, "Lord Hutton", 1, NamedEntity::kTitled);
  EXPECT_EQ(shown(a.resolve_one({person, "Lord Hutton", NamedEntity::kTitled})), "person:lord hutton");
}

TEST(Resolution, AnAcronymOnlyWhenItsFullNameDominates) {
  Archive a;
  // Most articles that say ABC mean a network they never spell out; two
  // spell out a foreign broadcaster: ABC stays ABC.
  a.add(org, "Australian Broadcasting Corporation", 2);
  a.add(org, "ABC", 12);
  EXPECT_EQ(shown(a.resolve_one({org, "ABC"})), "org:abc");
  // The European Community is named in full by most articles that name any EC.
  a.add(org, "European Community", 8);
  a.add(org, "EC", 10);
  EXPECT_EQ(shown(a.resolve_one({org, "EC"})), "org:european community");
}

TEST(Resolution, TheArchiveDecidesTheType) {
  Archive a;
  a.add(person, "Roman Abramovich", 17);
  a.add(org, "Roman Abramovich", 3);
  EXPECT_EQ(shown(a.resolve_one({org, "Roman Abramovich"})), "person:roman abramovich");
  // A second use that is common stays: Chelsea the club and the district.
  a.add(org, "Chelsea", 80);
  a.add(place, "Chelsea", 25);
  EXPECT_EQ(shown(a.resolve_one({place, "Chelsea"})), "place:chelsea");
  EXPECT_EQ(shown(a.resolve_one({org, "Chelsea"})), "org:chelsea");
  // Mostly a work: a film called like a person is not a person.
  a.add(other, "Ray", 4, NamedEntity::kWork);
  a.add(person, "Ray", 2);
  EXPECT_EQ(shown(a.resolve_one({person, "Ray"})), "-");
  EXPECT_EQ(shown(a.resolve_one({person, "Ray", NamedEntity::kTitled})), "person:ray");  // "Mr Ray"
  // The words before it make it a place, however the archive uses the name:
  // "the conference in Blackpool", the club elsewhere.
  a.add(org, "Blackpool", 40);
  EXPECT_EQ(shown(a.resolve_one({place, "Blackpool"})), "org:blackpool");
  EXPECT_EQ(shown(a.resolve_one({place, "Blackpool", NamedEntity::kLocated})), "place:blackpool");
  EXPECT_EQ(shown(a.resolve_one({org, "Blackpool", NamedEntity::kLocated})), "org:blackpool");  // a place's flag only
  // A common noun in capitals elsewhere ("PCs").
  a.add(org, "PC", 5);
  a.add(other, "PC", 2, NamedEntity::kCommonNoun);
  EXPECT_EQ(shown(a.resolve_one({org, "PC"})), "-");
  // A lone first name is nobody.
  a.add(person, "Bill", 3, NamedEntity::kFirstName);
  EXPECT_EQ(shown(a.resolve_one({person, "Bill", NamedEntity::kFirstName})), "-");
  // An organisation's plural is its singular.
  a.add(org, "Lib Dems", 3);
  EXPECT_EQ(shown(a.resolve_one({org, "Lib Dems"})), "org:lib dem");
  EXPECT_EQ(shown(a.resolve_one({other, "Olympics"})), "-");
}

TEST(Resolution, TablesFirst) {
  const AliasTable knowledge = AliasTable::parse(
      "org\tConservative Party\tTories\n"
      "org\tConservative Party\tConservatives\n"
      "org\tConservative Party of Canada\tConservatives\n"
      "org\tBBC\tBritish Broadcasting Corporation\n"
      "person\tSebastian Coe\tLord Coe\n"
      "org\tPC\t-\n",
      "knowledge");
  const AliasTable user = AliasTable::parse(
      "org\tConservatives\tConservatives\n"  // kept apart by the user
      "person\tTony Blair\tTB\n"
      "org\tLabour Party\t-\n",
      "user");
  Archive a;
  const NameTablesForResolution k{nullptr, &knowledge};
  const NameTablesForResolution both{&user, &knowledge};
  // Members' names, whatever the tagger called them.
  EXPECT_EQ(shown(a.resolve_one({other, "Tories"}, k)), "org:conservative party");
  EXPECT_EQ(shown(a.resolve_one({org, "Tories"}, k)), "org:conservative party");
  EXPECT_EQ(shown(a.resolve_one({person, "Lord Coe", NamedEntity::kTitled}, k)), "person:sebastian coe");
  // An alias of two entities: the one the archive names most in full, else as written.
  a.add(org, "Conservatives", 3);
  EXPECT_EQ(shown(a.resolve_one({org, "Conservatives"}, k)), "org:conservatives");
  a.add(org, "Conservative Party", 5);
  EXPECT_EQ(shown(a.resolve_one({org, "Conservatives"}, k)), "org:conservative party");
  // A name the knowledge has as a canonical is never someone else's short form.
  a.add(org, "British Broadcasting Corporation", 5);
  a.add(org, "BBC", 6);
  EXPECT_EQ(shown(a.resolve_one({org, "BBC"}, k)), "org:bbc");
  EXPECT_EQ(shown(a.resolve_one({org, "British Broadcasting Corporation"}, k)), "org:bbc");
  EXPECT_EQ(shown(a.resolve_one({org, "PC"}, k)), "-");
  // The user's rows win.
  EXPECT_EQ(shown(a.resolve_one({org, "Conservatives"}, both)), "org:conservatives");
  EXPECT_EQ(shown(a.resolve_one({place, "TB"}, both)), "person:tony blair");
  EXPECT_EQ(shown(a.resolve_one({org, "Labour Party"}, both)), "-");
  // A "-" row drops the name as its type: "org  Kerem Shalom  -" keeps the crossing a place.
  const AliasTable typed = AliasTable::parse("org\tKerem Shalom\t-\n", "user");
  const NameTablesForResolution only{&typed, nullptr};
  EXPECT_EQ(shown(a.resolve_one({org, "Kerem Shalom"}, only)), "-");
  EXPECT_EQ(shown(a.resolve_one({place, "Kerem Shalom"}, only)), "place:kerem shalom");
  // An article's hint stands, unless the user says otherwise.
  EXPECT_EQ(shown(a.resolve_one({org, "Conservatives", 0, "Conservative Party of Canada"}, k)),
            "org:conservative party of canada");
  EXPECT_EQ(shown(a.resolve_one({org, "Conservatives", 0, "Conservative Party of Canada"}, both)),
            "org:conservatives");
}

TEST(Resolution, RecordsReadBack) {
  NameStats s;
  s.add({person, "Tony Blair", NamedEntity::kTitled}, 1);
  s.add({org, "TONY BLAIR", 0}, 1);
  s.add({person, "Tony Blair", 0}, 1);
  EXPECT_EQ(s.total(), 3);
  EXPECT_EQ(s.best_form(), "Tony Blair");
  EXPECT_EQ(NameStats::decode(s.encode()), s);
  s.add({org, "TONY BLAIR", 0}, -1);
  EXPECT_EQ(s.forms.count("TONY BLAIR"), 0u);
  EXPECT_EQ(NameStats::decode("garbage\n-3\tX\nnope"), NameStats{});

  Policy p;
  p.target = Entity{EntityType::org, "Conservative Party"};
  p.target_for = 12;
  p.majority = org;
  p.allowed = 5;
  p.dropped = 2;
  p.user = true;
  EXPECT_EQ(Policy::decode(p.encode()), p);
  EXPECT_EQ(Policy::decode("d1"), (Policy{true, 0, false, std::nullopt, 0, other, 0}));

  const std::vector<ArticleEntity> stored{{{person, "Blair", 1}, ResolvedEntity{EntityType::person, "tony blair"}},
                                          {{other, "Olympics", 0}, std::nullopt},
                                          {{org, "Labour", 0, "Labour Party"}, ResolvedEntity{EntityType::org, "labour party"}}};
  EXPECT_EQ(decode_article_entities(encode_article_entities(stored)), stored);
  EXPECT_TRUE(decode_article_entities("person\tx\n\t\t\t\t\nnobody\t0\tX\t\t\n").empty());

  Candidates c;
  c.add("Ronald Reagan", 1);
  EXPECT_FALSE(c.dominant());  // one article is not enough
  c.add("Ronald Reagan", 1);
  EXPECT_EQ(c.dominant(), "Ronald Reagan");
  c.add("Nancy Reagan", 1);
  EXPECT_EQ(c.dominant(), "Ronald Reagan");  // 2 of 3
  c.add("Nancy Reagan", 1);
  EXPECT_FALSE(c.dominant());                   // 2 of 4
  EXPECT_EQ(c.dominant('R'), "Ronald Reagan");  // among those whose first name starts with R
  EXPECT_EQ(Candidates::decode(c.encode()).articles, c.articles);
  EXPECT_EQ(Candidates::decode("A\t2\nbroken\nB\t-1\nC\tx\n").articles.size(), 1u);
}

TEST(Resolution, ShortFormsOfNames) {
  using enum EntityType;
  struct Case {
    std::string name;
    std::optional<ShortForm> full, partial;
  };
  for (const Case& c : std::vector<Case>{
           {"Ronald Reagan", ShortForm{person, "reagan", 0}, std::nullopt},
           {"Martin Luther King Jr.", ShortForm{person, "king", 0}, std::nullopt},
           {"Reagan", std::nullopt, ShortForm{person, "reagan", 0}},
           {"P O'Connell", std::nullopt, ShortForm{person, "o'connell", 'P'}},
           {"Lord Falconer", std::nullopt, ShortForm{person, "falconer", 0}},
           {"Prince Charles", std::nullopt, std::nullopt},  // a royal's one name is no surname
           {"EC", std::nullopt, ShortForm{org, "ec", 0}},
       }) {
    EXPECT_EQ(short_form_of_full(person, c.name), c.full) << c.name;
    EXPECT_EQ(short_form_of_partial(c.name), c.partial) << c.name;
  }
  EXPECT_EQ(short_form_of_full(org, "European Community"), (ShortForm{org, "ec", 0}));
  EXPECT_EQ(short_form_of_full(org, "Hamas"), std::nullopt);
  EXPECT_EQ(short_form_of_full(place, "United States"), std::nullopt);
}

}  // namespace
}  // namespace newsdex
