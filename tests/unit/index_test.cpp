#include <gmock/gmock.h>

#include <xapian.h>

#include "entities/resolution.hpp"
#include "index/index_writer.hpp"
#include "index/pipeline.hpp"
#include "schema/schema.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

using testing::AllOf;
using testing::HasSubstr;
using testing::ThrowsMessage;

using test::TempDir;
using test::write_file;

Article article(std::string id, std::string body, std::string date = "2021-05-21") {
  Article a;
  a.id = std::move(id);
  a.title = "Title of " + a.id;
  a.body = std::move(body);
  a.date = std::move(date);
  return a;
}

TEST(IndexWriter, AddsReplacesAndSkipsUnchangedById) {
  TempDir dir;
  IndexWriter w(dir / "db", {});
  EXPECT_EQ(w.write(article("a", "first text"), {}), WriteOutcome::added);
  EXPECT_EQ(w.write(article("b", "other text"), {}), WriteOutcome::added);
  EXPECT_EQ(w.write(article("a", "first text"), {}), WriteOutcome::unchanged);
  EXPECT_EQ(w.write(article("a", "edited text"), {}), WriteOutcome::replaced);
  w.commit();
  EXPECT_EQ(w.document_count(), 2u);
}

TEST(IndexWriter, DocumentsFollowTheSchema) {
  TempDir dir;
  struct FakeExtractor : EntityExtractor {
    std::vector<NamedEntity> extract(const Article&) override {
      return {{MentionType::person, "Antony Blinken"},
              {MentionType::place, "Gaza"},
              {MentionType::place, "West Bank"},
              {MentionType::org, "Hamas"},
              {MentionType::other, "Israeli-Palestinian"}};
    }
    std::string version() const override { return "fake"; }
  } extractor;
  {
    IndexWriter w(dir / "db", {}, &extractor);
    Article a = article("world/gaza.txt", "The ceasefire held in Gaza.");
    a.title = "Peace in Gaza";
    a.path = "/corpus/world/gaza.txt";
    w.write(a);
    w.commit();
  }
  Xapian::Database db(dir / "db");
  ASSERT_EQ(db.get_doccount(), 1u);
  const Xapian::Document doc = db.get_document(1);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  for (const std::string t : {"Qworld/gaza.txt", "Y2021", "M202105", "D20210521", "XPERSON:antony blinken",
                              "XPLACE:gaza", "XPLACE:west bank", "XORG:hamas", "XK:antony blinken",
                              "XK:israeli palestinian", "Speace", "ZSpeac", "gaza", "Zceasefir", "ceasefire"}) {
    EXPECT_TRUE(terms.count(t)) << t;
  }
  EXPECT_TRUE(terms.count(schema::file_term("/corpus/world/gaza.txt")));
  EXPECT_EQ(doc.get_value(schema::kDateSlot), "20210521");
  // Facet slots hold the entities' keys; the names to show are in the metadata.
  EXPECT_EQ(doc.get_value(schema::kPersonSlot), "antony blinken");
  EXPECT_EQ(doc.get_value(schema::kPlaceSlot), "gaza\nwest bank");
  EXPECT_EQ(doc.get_value(schema::kOrgSlot), "hamas");
  EXPECT_EQ(
      schema::decode_entity_record(db.get_metadata(schema::entity_record_key(EntityType::person, "antony blinken")))
          .name,
      "Antony Blinken");
  EXPECT_EQ(decode_article_entities(doc.get_value(schema::kNamedSlot)).size(), 5u);  // the "other" one too
  EXPECT_EQ(doc.get_value(schema::kHashSlot).size(), 16u);
  EXPECT_EQ(schema::decode_document_data(doc.get_data()).body, "The ceasefire held in Gaza.");
  EXPECT_EQ(db.get_metadata(std::string(schema::kVersionKey)), schema::kVersion);
  // Spelling data for "did you mean".
  EXPECT_EQ(db.get_spelling_suggestion("ceasfire"), "ceasefire");
  // Positions are kept: phrases work, and not across the title/body boundary.
  auto phrase_hits = [&](std::vector<std::string> words) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    return e.get_mset(0, 10).size();
  };
  EXPECT_EQ(phrase_hits({"ceasefire", "held"}), 1u);
  EXPECT_EQ(phrase_hits({"gaza", "the"}), 0u);
}

TEST(IndexWriter, SpellingDataHasWordsButNoNumbers) {
  TempDir dir;
  {
    IndexWriter w(dir / "db", {.commit_every = 1});  // words gathered over commits, written at the end
    w.write(article("a", "Cocoa talks in 2021 on 1,250 tonnes."), {});
    w.write(article("b", "More cocoa talks."), {});
    w.commit();
  }
  Xapian::Database db(dir / "db");
  std::map<std::string, Xapian::doccount> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words[*it] = it.get_termfreq();
  EXPECT_EQ(words["cocoa"], 2u);
  EXPECT_EQ(words["tonnes"], 1u);
  EXPECT_EQ(words.count("2021"), 0u);
  EXPECT_EQ(words.count("1,250"), 0u);
  EXPECT_EQ(db.get_spelling_suggestion("cocao"), "cocoa");
}

TEST(IndexWriter, RefusesASecondWriterAndForeignDatabases) {
  TempDir dir;
  IndexWriter first(dir / "db", {});
  EXPECT_THAT([&] { IndexWriter second(dir / "db", {}); },
              ThrowsMessage<DatabaseError>(HasSubstr("locked by another writer")));
  {
    Xapian::WritableDatabase foreign(dir / "foreign", Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
    foreign.commit();
  }
  EXPECT_THROW(IndexWriter(dir / "foreign", {}), DatabaseError);
}

TEST(IndexWriter, RefusesFilesAndFoldersThatAreNotDatabases) {
  TempDir dir;
  write_file(dir / "file", "not a database");
  write_file(dir / "articles/a.txt", "date 2021-05-21 An article.");
  for (const std::string& path : {dir / "file", dir / "articles"}) {
    try {
      IndexWriter w(path, {});
      ADD_FAILURE() << "opened " << path;
    } catch (const DatabaseError& e) {
      EXPECT_NE(std::string(e.what()).find("give --db a new"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "articles/iamglass")) << "nothing was created among the articles";
  std::filesystem::create_directory(dir / "empty");
  EXPECT_NO_THROW(IndexWriter(dir / "empty", {}));  // an empty folder becomes the database
  EXPECT_NO_THROW(IndexWriter(dir / "empty", {}));  // and opens again
}

struct Corpus {
  TempDir dir;
  std::string db = dir / "db";
  std::string root = dir / "news";
  CollectingDiagnostics diag;

  Corpus() {
    write_file(root + "/a.txt", "date 2021-05-21 Ceasefire talks in Cairo.");
    write_file(root + "/b.txt", "date 2020-01-02\ntitle Budget\n\nThe budget passed.");
    write_file(root + "/feed.jsonl",
               "{\"id\":\"j1\",\"date\":\"2019-01-01\",\"title\":\"One\",\"body\":\"first\"}\n"
               "{\"id\":\"j2\",\"date\":\"2019-01-02\",\"title\":\"Two\",\"body\":\"second\"}\n");
  }
  IndexStats index(bool prune = false, bool strict = false) {
    IndexRequest r;
    r.database = db;
    r.inputs = {root};
    r.prune = prune;
    r.strict = strict;
    return index_corpus(r, diag, nullptr);
  }
  std::uint64_t committed_documents() const { return Xapian::Database(db).get_doccount(); }
};

TEST(Pipeline, ReindexingIsIdempotentAndOnlyTouchesWhatChanged) {
  Corpus c;
  IndexStats s = c.index();
  EXPECT_EQ(s.files, 3u);
  EXPECT_EQ(s.added, 4u);
  EXPECT_EQ(s.documents, 4u);
  EXPECT_EQ(s.errors, 0u);

  s = c.index();
  EXPECT_EQ(s.added + s.replaced, 0u);
  EXPECT_EQ(s.unchanged, 4u);
  EXPECT_EQ(s.read, 0u);  // unchanged files are not even read
  EXPECT_EQ(s.documents, 4u);

  // Rewrite one file with new content: only it is replaced.
  write_file(c.root + "/b.txt", "date 2020-01-02\ntitle Budget\n\nThe budget failed.");
  s = c.index();
  EXPECT_EQ(s.replaced, 1u);
  EXPECT_EQ(s.added, 0u);
  EXPECT_EQ(s.unchanged, 3u);
  // Touching a file without changing it rereads it but rewrites nothing.
  std::filesystem::last_write_time(c.root + "/a.txt", std::filesystem::file_time_type::clock::now());
  s = c.index();
  EXPECT_EQ(s.replaced + s.added, 0u);
  EXPECT_EQ(s.unchanged, 4u);
}

TEST(Pipeline, PruneRemovesDeletedFilesAndVanishedLines) {
  Corpus c;
  c.index();
  std::filesystem::remove(c.root + "/a.txt");
  write_file(c.root + "/feed.jsonl", "{\"id\":\"j2\",\"date\":\"2019-01-02\",\"title\":\"Two\",\"body\":\"second\"}\n");
  IndexStats s = c.index();  // without --prune nothing is deleted
  EXPECT_EQ(s.pruned, 0u);
  EXPECT_EQ(s.documents, 4u);
  write_file(c.root + "/feed.jsonl",
             "{\"id\":\"j2\",\"date\":\"2019-01-02\",\"title\":\"Two\",\"body\":\"second!\"}\n");
  s = c.index(/*prune=*/true);
  EXPECT_EQ(s.pruned, 2u);  // a.txt and j1
  EXPECT_EQ(s.documents, 2u);
  s = c.index(true);
  EXPECT_EQ(s.pruned, 0u);
}

TEST(Pipeline, RepeatedIdsWarnAndTheLastWins) {
  Corpus c;
  write_file(c.root + "/zz.jsonl", "{\"id\":\"j1\",\"date\":\"2019-01-05\",\"title\":\"Later\",\"body\":\"later\"}\n");
  const IndexStats s = c.index();
  EXPECT_EQ(s.documents, 4u);
  EXPECT_EQ(s.warnings, 1u);
  ASSERT_EQ(c.diag.all.size(), 1u);
  EXPECT_NE(c.diag.all[0].message.find("feed.jsonl:1"), std::string::npos) << c.diag.all[0].message;
  Xapian::Database db(c.db);
  auto pl = db.postlist_begin("Qj1");
  EXPECT_EQ(schema::decode_document_data(db.get_document(*pl).get_data()).title, "Later");
}

TEST(Pipeline, BadInputIsCountedAndTheRestIndexed) {
  Corpus c;
  write_file(c.root + "/empty.txt", "   \n");
  write_file(c.root + "/bad.jsonl", "{\"id\":\"x\",\"body\":\"ok\",\"date\":\"2020-01-01\"}\nnot json\n");
  IndexStats s = c.index();
  EXPECT_EQ(s.added, 5u);
  EXPECT_EQ(s.skipped, 2u);
  EXPECT_EQ(s.errors, 2u);
  // Files with errors are read again on the next run (not taken as done),
  // so fixing them, even in a way that keeps their mtime, is never missed.
  s = c.index();
  EXPECT_EQ(s.errors, 2u);
  EXPECT_EQ(s.unchanged, 5u);
}

TEST(Pipeline, StrictCommitsNothingWhenAnyInputIsBad) {
  Corpus c;
  write_file(c.root + "/empty.txt", "   \n");
  write_file(c.root + "/zz.jsonl", "not json\n{\"id\":\"z\",\"body\":\"ok\",\"date\":\"2020-01-01\"}\n{\"id\":1}\n");
  EXPECT_THAT([&] { c.index(false, /*strict=*/true); },
              ThrowsMessage<InputError>(AllOf(HasSubstr("3 bad inputs"), HasSubstr("nothing was committed"))));
  EXPECT_EQ(c.diag.count(Severity::error), 3u);  // every problem reported, not just the first
  EXPECT_EQ(c.committed_documents(), 0u);        // not even the articles read before the first error

  // An existing database keeps its last commit: the edit of b.txt is not applied either.
  std::filesystem::remove(c.root + "/empty.txt");
  std::filesystem::remove(c.root + "/zz.jsonl");
  EXPECT_EQ(c.index(false, true).documents, 4u);  // a clean strict run commits
  write_file(c.root + "/b.txt", "date 2020-01-02\ntitle Budget\n\nThe budget failed.");
  write_file(c.root + "/bad.jsonl", "{oops\n");
  EXPECT_THROW(c.index(false, true), InputError);
  EXPECT_EQ(c.committed_documents(), 4u);
  Xapian::Database db(c.db);
  EXPECT_EQ(db.get_termfreq("failed"), 0u);
  EXPECT_EQ(db.get_termfreq("passed"), 1u);
}

}  // namespace
}  // namespace newsdex
