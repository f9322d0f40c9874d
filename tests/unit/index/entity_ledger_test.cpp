// index/entity_ledger, through the IndexWriter: names resolved across the
// archive, whatever the order and the runs the articles came in, and
// resolved again after replacements, pruning and a changed --aliases file.
#include <xapian.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "entities/keys.hpp"
#include "entities/resolution.hpp"
#include "index/index_writer.hpp"
#include "index/pipeline.hpp"
#include "schema/schema.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

using test::TempDir;
using test::write_file;
using enum MentionType;
using Names = std::vector<std::string>;

Article article(std::string id, std::string body = "Text.") {
  Article a;
  a.id = std::move(id);
  a.title = "Title of " + a.id;
  a.body = std::move(body);
  a.date = "2021-05-21";
  return a;
}

// The keys an article shows for one entity type, read back from the database.
Names shown(const std::string& db_path, const std::string& id, EntityType type) {
  Xapian::Database db(db_path);
  const auto it = db.postlist_begin(schema::id_term(id));
  if (it == db.postlist_end(schema::id_term(id))) return {};
  Names names;
  const std::string list = db.get_document(*it).get_value(schema::entity_slot(type));
  for (const auto n : schema::decode_entity_list(list)) names.emplace_back(n);
  return names;
}

Xapian::doccount with_term(const std::string& db_path, const std::string& term) {
  return Xapian::Database(db_path).get_termfreq(term);
}

std::string display(const std::string& db_path, EntityType type, const std::string& key) {
  return schema::decode_entity_record(Xapian::Database(db_path).get_metadata(schema::entity_record_key(type, key)))
      .name;
}

// Everything an archive's articles show, as one comparable value.
std::map<std::string, std::string> everything(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string shown_all;
    for (const EntityType type : kEntityTypes) shown_all += doc.get_value(schema::entity_slot(type)) + "|";
    out[schema::decode_document_data(doc.get_data()).id] = shown_all;
  }
  return out;
}

// The same on one database and on shards (the counts are the whole
// database's, kept in shard 0; settling reaches every shard).
class Ledger : public ::testing::TestWithParam<unsigned> {
 protected:
  WriterOptions sharded() const { return {.threads = 2, .shards = GetParam()}; }
};

TEST_P(Ledger, AShortFormTakesTheFullNameMostArticlesGiveWhateverTheOrder) {
  const std::vector<NamedEntity> ronald{{person, "Ronald Reagan"}};
  const std::vector<NamedEntity> only_reagan{{person, "Reagan", NamedEntity::kTitled}, {place, "Washington"}};
  for (const bool short_form_first : {true, false}) {
    TempDir dir;
    const std::string db = dir / "db";
    {
      IndexWriter w(db, sharded());
      if (short_form_first) w.write(article("a", "President Reagan said"), only_reagan);
      w.write(article("b", "Ronald Reagan"), ronald);
      w.write(article("c", "Ronald Reagan again"), ronald);
      if (!short_form_first) w.write(article("a", "President Reagan said"), only_reagan);
      w.commit();
    }
    EXPECT_EQ(shown(db, "a", EntityType::person), Names{"ronald reagan"}) << short_form_first;
    EXPECT_EQ(with_term(db, "XPERSON:ronald reagan"), 3u);
    EXPECT_EQ(with_term(db, "XPERSON:reagan"), 0u);
    EXPECT_EQ(with_term(db, "XSHORT:person:reagan"), 1u);
    EXPECT_EQ(display(db, EntityType::person, "ronald reagan"), "Ronald Reagan");
  }

  TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db, sharded());
    w.write(article("a", "President Reagan said"), only_reagan);
    w.write(article("b", "Ronald Reagan"), ronald);
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"reagan"});  // one article is not enough
  {
    IndexWriter w(db, sharded());  // a later run brings the second
    w.write(article("c", "Ronald Reagan again"), ronald);
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"ronald reagan"});
  {
    IndexWriter w(db, sharded());  // then another Reagan, often: no full name dominates
    for (const char* id : {"d", "e", "f"}) {
      w.write(article(id, std::string("Nancy Reagan ") + id), {{person, "Nancy Reagan"}});
    }
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"reagan"});
  EXPECT_EQ(with_term(db, "XPERSON:reagan"), 1u);
  EXPECT_EQ(with_term(db, "XPERSON:ronald reagan"), 2u);
  {
    IndexWriter w(db, sharded());  // the Nancy Reagan articles are edited away
    for (const char* id : {"d", "e", "f"}) w.write(article(id, std::string("edited ") + id), {});
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"ronald reagan"});
  EXPECT_EQ(shown(db, "a", EntityType::place), Names{"washington"});

  // Organisations by their initials.
  {
    IndexWriter w(db, sharded());
    w.write(article("g", "EC ministers"), {{org, "EC"}});
    w.write(article("h", "European Community"), {{org, "European Community"}, {org, "EC"}});
    w.write(article("i", "European Community talks"), {{org, "European Community"}});
    w.commit();
  }
  EXPECT_EQ(shown(db, "g", EntityType::org), Names{"european community"});
  EXPECT_EQ(shown(db, "h", EntityType::org), Names{"european community"});  // its own full name, once
  EXPECT_EQ(with_term(db, "XORG:european community"), 3u);
}

// An archive where every kind of decision hangs on the whole archive: short
// forms, types by majority, works, a party's members' name, plurals.
std::vector<std::pair<Article, std::vector<NamedEntity>>> archive() {
  std::vector<std::pair<Article, std::vector<NamedEntity>>> out;
  auto add = [&](const std::string& id, std::vector<NamedEntity> e) {
    out.emplace_back(article(id, id), std::move(e));
  };
  add("a1", {{person, "Roman Abramovich"}, {org, "Chelsea"}});
  add("a2", {{person, "Roman Abramovich"}, {org, "Chelsea"}});
  add("a3", {{org, "Roman Abramovich"}, {org, "Chelsea"}});  // the tagger's slip
  add("a4", {{person, "Abramovich"}, {place, "Chelsea"}});
  add("a5", {{person, "Roman Abramovich"}, {place, "Chelsea"}});
  add("a6", {{other, "Ray", NamedEntity::kWork}, {org, "Golden Globes"}});
  add("a7", {{person, "Ray"}, {org, "Golden Globe"}});
  add("a8", {{other, "Ray", NamedEntity::kWork}, {other, "Tories"}});
  add("a9", {{org, "Lib Dems"}, {org, "Lib Dem"}, {org, "Tories"}});
  return out;
}

const AliasTable& knowledge() {
  static const AliasTable k = AliasTable::parse(
      "org\tConservative Party\tTories\norg\tLiberal Democrats\tLib Dems\norg\tLiberal Democrats\tLib Dem\n", "k");
  return k;
}

struct Knowing : EntityExtractor {
  std::vector<NamedEntity> extract(const Article&) override { return {}; }
  std::string version() const override { return "knowing"; }
  const AliasTable* knowledge() const override { return &newsdex::knowledge(); }
};

TEST_P(Ledger, TheOutcomeDoesNotDependOnTheOrder) {
  auto items = archive();
  Knowing k;
  std::optional<std::map<std::string, std::string>> first;
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  for (int round = 0; round < 4; ++round) {
    TempDir dir;
    const std::string db = dir / "db";
    {
      // Each round another order; rounds 2 and 3 in two runs.
      IndexWriter w(db, {.commit_every = 2, .threads = 2, .shards = GetParam()}, &k);
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (round >= 2 && i == order.size() / 2) {
          w.commit();
        }
        w.write(items[order[i]].first, items[order[i]].second);
      }
      w.commit();
    }
    const auto got = everything(db);
    if (!first) {
      first = got;
      // What the whole archive says:
      EXPECT_EQ(shown(db, "a3", EntityType::person), Names{"roman abramovich"});  // a person, as most say
      EXPECT_EQ(shown(db, "a4", EntityType::person), Names{"roman abramovich"});  // his surname
      EXPECT_EQ(shown(db, "a4", EntityType::place), Names{"chelsea"});            // the district, often enough
      EXPECT_EQ(shown(db, "a1", EntityType::org), Names{"chelsea"});              // and the club
      EXPECT_EQ(shown(db, "a7", EntityType::person), Names{});                    // Ray is a film
      EXPECT_EQ(shown(db, "a7", EntityType::org), Names{"golden globe"});         // singular and plural: one
      EXPECT_EQ(shown(db, "a6", EntityType::org), Names{"golden globe"});
      EXPECT_EQ(shown(db, "a8", EntityType::org), Names{"conservative party"});  // members' name, tagged MISC
      EXPECT_EQ(shown(db, "a9", EntityType::org), (Names{"liberal democrat", "conservative party"}));
      EXPECT_EQ(display(db, EntityType::org, "conservative party"), "Conservative Party");
      EXPECT_EQ(display(db, EntityType::org, "golden globe"), "Golden Globe");
    } else {
      EXPECT_EQ(got, *first) << "round " << round;
    }
    std::reverse(order.begin(), order.end());
    if (round == 1) std::rotate(order.begin(), order.begin() + 3, order.end());
  }
}

TEST_P(Ledger, ReplacedAndPrunedArticlesNoLongerCount) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db, sharded());
    w.write(article("a"), {{person, "Abramovich"}});
    for (const char* id : {"b", "c"}) w.write(article(id), {{person, "Roman Abramovich"}});
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"roman abramovich"});
  {
    IndexWriter w(db, sharded());
    w.write(article("c", "edited"), {{person, "Boris Abramovich"}});  // now one of each
    w.commit();
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"abramovich"});
  EXPECT_EQ(
      Candidates::decode(Xapian::Database(db).get_metadata(schema::short_form_key(EntityType::person, "abramovich")))
          .articles,
      (std::map<std::string, std::int64_t>{{"Boris Abramovich", 1}, {"Roman Abramovich", 1}}));
}

INSTANTIATE_TEST_SUITE_P(Shards, Ledger, ::testing::Values(1u, 3u));

TEST(Ledger, PrunedFilesNoLongerCount) {
  // Entities by file name, as an extractor would find them.
  struct ByName : EntityExtractor {
    std::vector<NamedEntity> extract(const Article& a) override {
      if (a.id == "a.txt") return {{person, "Reagan", NamedEntity::kTitled}};
      return {{person, "Ronald Reagan"}};
    }
    std::string version() const override { return "by-name"; }
  } extractor;
  TempDir dir;
  const std::string root = dir / "news";
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) write_file(root + "/" + name, "date 2021-05-21 Text.");
  IndexRequest r;
  r.database = dir / "db";
  r.writer = {.threads = 2, .shards = 2};  // pruning reaches every shard
  r.inputs = {root};
  r.extractor = &extractor;
  CollectingDiagnostics diag;
  index_corpus(r, diag, nullptr);
  EXPECT_EQ(shown(r.database, "a.txt", EntityType::person), Names{"ronald reagan"});
  std::filesystem::remove(root + "/b.txt");
  r.prune = true;
  EXPECT_EQ(index_corpus(r, diag, nullptr).pruned, 1u);
  EXPECT_EQ(shown(r.database, "a.txt", EntityType::person), Names{"reagan"});
  EXPECT_EQ(display(r.database, EntityType::person, "reagan"), "Reagan");
}

TEST(Ledger, CurationMergesSplitsAndDropsWithoutARebuild) {
  struct Fixed : EntityExtractor {
    std::vector<NamedEntity> extract(const Article& a) override {
      if (a.id == "a.txt") return {{person, "Tony Blair"}, {org, "Labour"}, {org, "PC"}};
      if (a.id == "b.txt") return {{person, "T. Blair"}, {org, "Labour Party"}};
      return {{person, "Blair", NamedEntity::kTitled}, {org, "Labour"}};
    }
    std::string version() const override { return "fixed"; }
    const AliasTable* knowledge() const override { return &k; }
    AliasTable k = AliasTable::parse("org\tLabour Party\tLabour\n", "k");
  } extractor;
  TempDir dir;
  const std::string root = dir / "news";
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) write_file(root + "/" + name, "date 2021-05-21 Text.");
  IndexRequest r;
  r.database = dir / "db";
  r.inputs = {root};
  r.extractor = &extractor;
  CollectingDiagnostics diag;
  IndexStats s = index_corpus(r, diag, nullptr);
  EXPECT_EQ(shown(r.database, "b.txt", EntityType::person), Names{"t blair"});
  EXPECT_EQ(shown(r.database, "c.txt", EntityType::org), Names{"labour party"});
  EXPECT_EQ(shown(r.database, "a.txt", EntityType::org), (Names{"labour party", "pc"}));

  // Merge "T. Blair" into Tony Blair, keep "Labour" apart from the Labour
  // Party, drop "PC": re-resolved, nothing re-read.
  write_file(dir / "aliases.tsv",
             "# type\tcanonical\talias\nperson\tTony Blair\tT. Blair\norg\tLabour\tLabour\norg\tPC\t-\nbad row\n");
  r.aliases_file = dir / "aliases.tsv";
  s = index_corpus(r, diag, nullptr);
  EXPECT_EQ(s.read, 0u);
  EXPECT_EQ(s.errors, 1u);  // the bad row, reported and skipped
  EXPECT_EQ(shown(r.database, "b.txt", EntityType::person), Names{"tony blair"});
  EXPECT_EQ(shown(r.database, "a.txt", EntityType::org), Names{"labour"});
  EXPECT_EQ(shown(r.database, "b.txt", EntityType::org), Names{"labour party"});
  EXPECT_EQ(with_term(r.database, "XORG:pc"), 0u);
  EXPECT_EQ(display(r.database, EntityType::org, "labour"), "Labour");

  // A later run without --aliases keeps the table; an empty one undoes it.
  r.aliases_file.clear();
  index_corpus(r, diag, nullptr);
  EXPECT_EQ(shown(r.database, "b.txt", EntityType::person), Names{"tony blair"});
  write_file(dir / "none.tsv", "");
  r.aliases_file = dir / "none.tsv";
  index_corpus(r, diag, nullptr);
  EXPECT_EQ(shown(r.database, "b.txt", EntityType::person), Names{"t blair"});
  EXPECT_EQ(shown(r.database, "a.txt", EntityType::org), (Names{"labour party", "pc"}));
}

TEST(Ledger, ARunStoppedBeforeTheEndIsSettledByTheNext) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db, {.commit_every = 1});
    w.write(article("a"), {{person, "Reagan", NamedEntity::kTitled}});
    w.write(article("b"), {{person, "Ronald Reagan"}});
    w.write(article("c"), {{person, "Ronald Reagan"}});
    // Destroyed without commit(): what was committed stays, unsettled.
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"reagan"});
  {
    IndexWriter w(db, {});
    w.commit();  // nothing new, but the stopped run's names are settled
  }
  EXPECT_EQ(shown(db, "a", EntityType::person), Names{"ronald reagan"});
  Xapian::Database after(db);
  EXPECT_EQ(after.metadata_keys_begin(std::string(schema::kUnsettledKeyPrefix)),
            after.metadata_keys_end(std::string(schema::kUnsettledKeyPrefix)));
}

}  // namespace
}  // namespace newsdex
