// newsdex-index --rebuild, end to end: every article a database stores
// indexed again from its document data, in place and without the source
// files; a database of an older schema brought up to date (and refused by
// the tools until it is); a rebuild killed half-way finished by running it
// again. Everything here runs on data made in a TempDir.
#include <xapian.h>

#include <map>
#include <set>

#include "database_support.hpp"
#include "schema/schema.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::Child;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

const std::string kCurrent(schema::kVersion);
const std::string kVersionKey(schema::kVersionKey);
const std::string kRebuildKey(schema::kRebuildKey);
const int kCurrentNumber = std::stoi(kCurrent);

// --- Looking into a database -------------------------------------------

std::string metadata(const std::string& db, const std::string& key) {
  return Xapian::Database(db).get_metadata(key);
}

void set_metadata(const std::string& db, const std::string& key, const std::string& value) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
  w.set_metadata(key, value);
  w.commit();
}

// Everything a newsdex database holds that an answer can depend on: each
// article's document (id, data, terms with their wdf, values), the
// metadata and the spelling table.
struct StoredDocument {
  Xapian::docid docid = 0;
  std::string data;
  std::map<std::string, Xapian::termcount> terms;
  std::map<Xapian::valueno, std::string> values;
};

struct Snapshot {
  std::map<std::string, StoredDocument> documents;  // by article id
  std::map<std::string, std::string> metadata;
  std::map<std::string, Xapian::doccount> spelling;
};

Snapshot snapshot(const std::string& path) {
  Snapshot s;
  Xapian::Database db(path);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    StoredDocument d;
    d.docid = *it;
    d.data = doc.get_data();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) d.terms[*t] = t.get_wdf();
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) d.values[v.get_valueno()] = *v;
    const std::string id = json::parse(d.data).at("id");
    EXPECT_TRUE(s.documents.emplace(id, std::move(d)).second) << "id twice: " << id;
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) s.metadata[*k] = db.get_metadata(*k);
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) s.spelling[*w] = w.get_termfreq();
  return s;
}

// What differs from `want` in `got`, in the documents, the metadata (less
// the keys starting with one of `skip`) and the spelling table: "" when
// nothing does, else the first differences a line each, then how many of
// each kind there are.
class Differences {
 public:
  Differences(const Snapshot& want, const Snapshot& got, const std::vector<std::string>& skip = {}) {
    compare_documents(want, got);
    compare_metadata(want, got, skip);
    compare_spelling(want, got);
  }
  std::string documents() const { return report(documents_); }
  std::string metadata() const { return report(metadata_); }
  std::string spelling() const { return report(spelling_); }

 private:
  struct Found {
    std::vector<std::string> lines;
    std::map<std::string, std::size_t> kinds;  // "newsdex:ek: missing" -> how many
  };

  static std::string shown(const std::string& s) {
    std::string out;
    for (const char c : s.size() > 100 ? s.substr(0, 100) + "..." : s)
      out += c == '\n' ? std::string("\\n") : std::string(1, c);
    return out;
  }
  static void add(Found& f, const std::string& kind, const std::string& line) {
    f.lines.push_back(line);
    ++f.kinds[kind];
  }
  static std::string report(const Found& f) {
    std::string out;
    for (std::size_t i = 0; i < f.lines.size() && i < 12; ++i) out += "  " + f.lines[i] + "\n";
    if (f.lines.size() > 12) {
      out += "  ... in all:";
      for (const auto& [kind, n] : f.kinds) out += " " + std::to_string(n) + " " + kind + ";";
      out += "\n";
    }
    return out;
  }

  void compare_documents(const Snapshot& want, const Snapshot& got) {
    Found& f = documents_;
    for (const auto& [id, w] : want.documents) {
      const auto it = got.documents.find(id);
      if (it == got.documents.end()) {
        add(f, "articles missing", id + ": missing");
        continue;
      }
      const StoredDocument& g = it->second;
      if (g.docid != w.docid) {
        add(f, "document ids changed",
            id + ": document id " + std::to_string(g.docid) + ", was " + std::to_string(w.docid));
      }
      if (g.data != w.data) add(f, "data changed", id + ": data " + shown(g.data) + ", was " + shown(w.data));
      for (const auto& [term, wdf] : w.terms) {
        const auto t = g.terms.find(term);
        if (t == g.terms.end()) {
          add(f, "terms missing", id + ": term '" + term + "' missing");
        } else if (t->second != wdf) {
          add(f, "wdfs changed",
              id + ": term '" + term + "' wdf " + std::to_string(t->second) + ", was " + std::to_string(wdf));
        }
      }
      for (const auto& [term, wdf] : g.terms) {
        if (w.terms.count(term) == 0) add(f, "terms added", id + ": term '" + term + "' added");
      }
      for (const auto& [slot, value] : w.values) {
        const auto v = g.values.find(slot);
        if (v == g.values.end()) {
          add(f, "values missing", id + ": value " + std::to_string(slot) + " missing");
        } else if (v->second != value) {
          add(f, "values changed",
              id + ": value " + std::to_string(slot) + " '" + shown(v->second) + "', was '" + shown(value) + "'");
        }
      }
      for (const auto& [slot, value] : g.values) {
        if (w.values.count(slot) == 0) add(f, "values added", id + ": value " + std::to_string(slot) + " added");
      }
    }
    for (const auto& [id, d] : got.documents) {
      if (want.documents.count(id) == 0) add(f, "articles added", id + ": added");
    }
  }

  void compare_metadata(const Snapshot& want, const Snapshot& got, const std::vector<std::string>& skip) {
    Found& f = metadata_;
    auto skipped = [&](const std::string& key) {
      return std::any_of(skip.begin(), skip.end(), [&](const std::string& p) { return key.rfind(p, 0) == 0; });
    };
    // The kind of a key: its prefix (newsdex:ek:).
    auto kind = [](const std::string& key, const std::string& what) {
      const auto colon = key.find(':', key.find(':') + 1);
      return (colon == std::string::npos ? key : key.substr(0, colon + 1)) + " " + what;
    };
    for (const auto& [key, value] : want.metadata) {
      if (skipped(key)) continue;
      const auto it = got.metadata.find(key);
      if (it == got.metadata.end()) {
        add(f, kind(key, "missing"), shown(key) + ": missing (was '" + shown(value) + "')");
      } else if (it->second != value) {
        add(f, kind(key, "changed"), shown(key) + ": '" + shown(it->second) + "', was '" + shown(value) + "'");
      }
    }
    for (const auto& [key, value] : got.metadata) {
      if (!skipped(key) && want.metadata.count(key) == 0) {
        add(f, kind(key, "added"), shown(key) + ": added ('" + shown(value) + "')");
      }
    }
  }

  void compare_spelling(const Snapshot& want, const Snapshot& got) {
    Found& f = spelling_;
    for (const auto& [word, n] : want.spelling) {
      const auto it = got.spelling.find(word);
      if (it == got.spelling.end()) {
        add(f, "words missing", "'" + word + "': missing (was " + std::to_string(n) + ")");
      } else if (it->second != n) {
        add(f, "counts changed", "'" + word + "': " + std::to_string(it->second) + ", was " + std::to_string(n));
      }
    }
    for (const auto& [word, n] : got.spelling) {
      if (want.spelling.count(word) == 0) add(f, "words added", "'" + word + "': added");
    }
  }

  Found documents_, metadata_, spelling_;
};

// The database at `db` holds what `want` holds.
void expect_same_database(const Snapshot& want, const std::string& db, const std::vector<std::string>& skip = {}) {
  const Differences d(want, snapshot(db), skip);
  EXPECT_TRUE(d.documents().empty()) << "the documents differ:\n" << d.documents();
  EXPECT_TRUE(d.metadata().empty()) << "the metadata differs:\n" << d.metadata();
  EXPECT_TRUE(d.spelling().empty()) << "the spelling table differs:\n" << d.spelling();
}

// What an indexer of schema `version` left (the older schemas store the
// article the same way): that version in the metadata, content hashes this
// one never writes (content_hash() mixes the schema in) or, with
// `drop_hashes`, none, and no XCAP: terms (schema 4 added them).
void make_older(const std::string& db, const std::string& version, bool drop_hashes = false) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
  std::vector<Xapian::docid> ids;
  for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) ids.push_back(*it);
  const std::string xcap(schema::kCapitalPrefix);
  for (const Xapian::docid id : ids) {
    Xapian::Document doc = w.get_document(id);
    std::vector<std::string> doomed;
    auto t = doc.termlist_begin();
    for (t.skip_to(xcap); t != doc.termlist_end() && (*t).rfind(xcap, 0) == 0; ++t) doomed.push_back(*t);
    for (const auto& term : doomed) doc.remove_term(term);
    const std::string hash = doc.get_value(schema::kHashSlot);
    if (drop_hashes) {
      doc.remove_value(schema::kHashSlot);
    } else {
      doc.add_value(schema::kHashSlot, "schema" + version + "-" + hash);
    }
    w.replace_document(id, doc);
  }
  w.set_metadata(kVersionKey, version);
  w.commit();
}

std::size_t count_with_prefix(const std::string& db, const std::string& prefix) {
  Xapian::Database d(db);
  std::size_t n = 0;
  for (auto t = d.allterms_begin(prefix); t != d.allterms_end(prefix); ++t) ++n;
  return n;
}

void copy_database(const std::string& from, const std::string& to) {
  fs::copy(from, to, fs::copy_options::recursive);
}

// --- Running the tools ---------------------------------------------------

json index_json(const std::string& db, std::vector<std::string> args, int exit_code = 0) {
  args.insert(args.begin(), {test::kIndexBin, "--db", db, "--json", "--quiet"});
  const auto r = run(args);
  EXPECT_EQ(r.exit_code, exit_code) << r.err;
  if (r.exit_code != exit_code) return json::object();
  return json::parse(r.out);
}

json rebuild(const std::string& db) {
  return index_json(db, {"--rebuild"});
}

// The answers to `queries` (one batch line each), then the three entity
// listings, as newsdex-query --json prints them (less the time taken).
std::vector<json> answers(const std::string& db, const std::vector<json>& queries) {
  std::string lines;
  for (const auto& q : queries) lines += q.dump() + "\n";
  const auto r = run({test::kQueryBin, "--db", db, "--batch", "-"}, lines);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> out = test::json_lines(r.out);
  EXPECT_EQ(out.size(), queries.size()) << r.out.substr(0, 2000);
  for (const std::string type : {"person", "place", "org"}) {
    const auto e = run({test::kQueryBin, "--db", db, "--json", "--entities", type, "--limit", "1000"});
    EXPECT_EQ(e.exit_code, 0) << e.err;
    out.push_back(e.exit_code == 0 ? json::parse(e.out) : json());
  }
  for (auto& a : out) {
    EXPECT_FALSE(a.contains("error")) << a;
    a.erase("elapsed_ms");
  }
  return out;
}

// Each answer the same as before, or what changed in it (a JSON patch).
void expect_same_answers(const std::vector<json>& before, const std::vector<json>& after) {
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] == after[i]) continue;
    const std::string what = before[i].contains("query") ? "query '" + before[i]["query"].get<std::string>() + "'"
                                                         : "--entities " + before[i].value("type", std::string());
    ADD_FAILURE() << what << " answers otherwise: " << json::diff(before[i], after[i]).dump().substr(0, 2000);
  }
}

// The error line a tool prints for a database of another schema.
std::string schema_error(const std::string& tool, const std::string& db, const std::string& version,
                         const std::string& advice) {
  return tool + ": error: " + db + ": built with newsdex schema " + version + ", this is schema " + kCurrent + "; " +
         advice + "\n";
}

std::string rebuild_advice(const std::string& db) {
  return "bring it up to date with: newsdex-index --db " + db + " --rebuild";
}

// --- A small archive, in both formats, with names to facet on ----------

// Writes the archive into `dir`; returns how many articles it holds.
std::size_t write_archive(const fs::path& dir) {
  const std::vector<json> wire = {
      {{"id", "wire-1"},
       {"date", "2005-05-06"},
       {"title", "Blair wins a third term"},
       {"url", "https://example.com/wire/1"},
       {"source", "Example Wire"},
       {"body",
        "Tony Blair's Labour Party won a third term on Friday. Mr Blair told supporters in London that the "
        "Conservative Party under Michael Howard had fought hard.\n\nTurnout was low across England."}},
      {{"id", "wire-2"},
       {"date", "2005-05-07"},
       {"title", "Brown stays at the Treasury"},
       {"url", "https://example.com/wire/2"},
       {"source", "Example Wire"},
       {"body",
        "Tony Blair kept Gordon Brown at the Treasury on Saturday. Blair's new cabinet met in Downing Street, "
        "and the BBC reported that Brown's budget would come first."}},
      {{"id", "wire-3"},
       {"date", "2007-06-27"},
       {"title", "Blair leaves office after ten years"},
       {"url", "https://example.com/wire/3"},
       {"source", "Other Wire"},
       {"body",
        "Tony Blair left Downing Street on Wednesday and Gordon Brown became prime minister. The European Union "
        "praised Blair's role in Northern Ireland, and Angela Merkel called from Berlin."}},
  };
  std::string lines;
  for (const auto& a : wire) lines += a.dump() + "\n";
  test::write_file(dir / "wire/feed.jsonl", lines);
  test::write_file(dir / "notes/blair-iraq.txt",
                   "date 2003-03-20\ntitle Blair backs the invasion of Iraq\n\nTony Blair told the House of Commons "
                   "in London that Britain would join the United States in Iraq. Blair's critics in the Labour Party "
                   "walked out, and Robin Cook resigned.\n");
  test::write_file(dir / "notes/brown-budget.txt",
                   "date 2006-03-22 Gordon Brown presented his tenth budget in London, and the Bank of England "
                   "left rates alone. Brown's critics at the Treasury said little.\n");
  // And a few of the bundled articles, whose people, places and organizations resolve across them.
  std::size_t n = wire.size() + 2;
  for (const std::string topic : {"politics", "world", "climate"}) {
    fs::create_directories(dir / "corpus" / topic);
    fs::copy(test::kSourceDir / "corpus" / topic, dir / "corpus" / topic, fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(dir / "corpus" / topic)) n += e.path().extension() == ".txt";
  }
  return n;
}

std::vector<json> archive_queries() {
  return {
      {{"q", "Tony Blair's"}, {"limit", 50}},
      {{"q", "Blair's cabinet"}},
      {{"q", "Blair"}, {"facets", 20}, {"limit", 50}},
      {{"q", "person:\"Tony Blair\""}, {"sort", "date"}, {"limit", 50}},
      {{"q", "Gordon Brown Treasury"}, {"all", true}},
      {{"q", "London"}, {"any", true}, {"facets", 20}, {"limit", 50}},
      {{"q", "election"}, {"sort", "-date"}, {"limit", 50}, {"facets", 20}},
      {{"q", "climate"}, {"since", "2019"}, {"facets", 10}},
      {{"q", "Macron"}},
      {{"q", "Merkel Berlin"}},
      {{"q", "electoin"}},  // a misspelling: "did you mean" comes from the spelling table
      {{"q", "Downing Street"}, {"place", "London"}},
      {{"q", "ceasefire"}, {"org", "United Nations"}},
      {{"q", "id:wire-2"}},
      {{"q", "title:budget"}},
  };
}

// The archive indexed into `db`: a database as newsdex-index writes it.
std::size_t index_archive(const TempDir& tmp, const std::string& db) {
  const std::size_t n = write_archive(tmp / "in");
  const json s = index_json(db, {tmp / "in"});
  EXPECT_EQ(s.value("added", 0u), n);
  EXPECT_GT(count_with_prefix(db, std::string(schema::kCapitalPrefix)), 0u) << "no XCAP: terms to lose";
  EXPECT_GT(count_with_prefix(db, std::string(schema::kPersonPrefix)), 3u) << "no people to facet on";
  return n;
}

// --- 1. A current database, rebuilt in place without its sources --------

TEST(CliRebuild, ACurrentDatabaseRebuiltWithoutItsSourcesLosesNothing) {
  TempDir tmp;
  const std::string db = tmp / "db";
  const std::size_t n = index_archive(tmp, db);
  const Snapshot before = snapshot(db);
  ASSERT_EQ(before.documents.size(), n);
  const auto want = answers(db, archive_queries());
  // The answers are worth comparing: hits, facets, a suggestion.
  ASSERT_GE(want[0]["hits"].size(), 4u) << want[0];
  ASSERT_FALSE(want[2]["facets"]["person"].empty()) << want[2];
  ASSERT_EQ(want[10]["suggestion"], "election") << want[10];

  fs::remove_all(tmp / "in");  // the source files are not needed
  const json s = rebuild(db);  // and no PATH is
  EXPECT_EQ(s["read"], n) << s;
  EXPECT_EQ(s["documents"], n);
  EXPECT_EQ(s["errors"], 0);
  EXPECT_EQ(s["interrupted"], false);
  // Every article is already as this version indexes it: a look-up each, nothing rewritten.
  EXPECT_EQ(s["unchanged"], n) << s;
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["replaced"], 0);
  EXPECT_EQ(metadata(db, kVersionKey), kCurrent);
  EXPECT_EQ(metadata(db, kRebuildKey), "");
  EXPECT_EQ(test::ids_each_once(db).size(), n);
  expect_same_database(before, db);
  expect_same_answers(want, answers(db, archive_queries()));
  // The stored fields, as written.
  const auto hit = answers(db, {{{"q", "id:wire-3"}}})[0]["hits"];
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0]["title"], "Blair leaves office after ten years");
  EXPECT_EQ(hit[0]["date"], "2007-06-27");
  EXPECT_EQ(hit[0]["url"], "https://example.com/wire/3");
  EXPECT_EQ(hit[0]["source"], "Other Wire");

  // The same files again (new mtimes): read, and found unchanged.
  write_archive(tmp / "in");
  const json again = index_json(db, {tmp / "in"});
  EXPECT_EQ(again["unchanged"], n) << again;
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(again["replaced"], 0);
  expect_same_database(before, db, {std::string(schema::kFileKeyPrefix)});
}

// --- 2. Older schemas ----------------------------------------------------

// Until it is rebuilt, neither tool uses a database of an older schema, and
// both say the command that brings it up to date; a plain run changes nothing.
TEST(CliRebuild, AnOlderSchemaIsRefusedWithTheCommandThatRebuildsIt) {
  TempDir tmp;
  const std::string fresh = tmp / "fresh";
  index_archive(tmp, fresh);
  const Snapshot before = snapshot(fresh);
  ASSERT_LT(schema::kOldestRebuildable, kCurrentNumber);
  for (int v = schema::kOldestRebuildable; v < kCurrentNumber; ++v) {
    const std::string version = std::to_string(v);
    SCOPED_TRACE("schema " + version);
    const std::string db = tmp / ("db" + version);
    copy_database(fresh, db);
    set_metadata(db, kVersionKey, version);
    const auto q = run({test::kQueryBin, "--db", db, "Blair"});
    EXPECT_EQ(q.exit_code, 2);
    EXPECT_EQ(q.err, schema_error("newsdex-query", db, version, rebuild_advice(db)));
    EXPECT_EQ(q.out, "");
    const auto batch = run({test::kQueryBin, "--db", db, "--batch", "-"}, "Blair\n");
    EXPECT_EQ(batch.exit_code, 2);
    EXPECT_EQ(batch.err, schema_error("newsdex-query", db, version, rebuild_advice(db)));
    // A plain run, with articles to add: refused before anything is read or written.
    test::write_file(tmp / "more.jsonl", R"({"id":"more-1","date":"2024-01-01","body":"Another article."})"
                                         "\n");
    const auto i = run({test::kIndexBin, "--db", db, "--json", tmp / "more.jsonl"});
    EXPECT_EQ(i.exit_code, 2);
    EXPECT_EQ(i.err, schema_error("newsdex-index", db, version, rebuild_advice(db)));
    EXPECT_EQ(i.out, "");
    EXPECT_EQ(metadata(db, kVersionKey), version);
    EXPECT_EQ(metadata(db, kRebuildKey), "");
    expect_same_database(before, db, {kVersionKey});
  }
}

// Schemas --rebuild cannot bring up to date (older than kOldestRebuildable,
// or newer than this one): refused, with what to do instead; untouched.
TEST(CliRebuild, ASchemaTooOldOrTooNewIsNotRebuilt) {
  TempDir tmp;
  const std::string fresh = tmp / "fresh";
  index_archive(tmp, fresh);
  const Snapshot before = snapshot(fresh);
  for (const std::string& version :
       {std::to_string(schema::kOldestRebuildable - 1), std::string("0"), std::to_string(kCurrentNumber + 1)}) {
    SCOPED_TRACE("schema " + version);
    const std::string db = tmp / ("db" + version);
    copy_database(fresh, db);
    set_metadata(db, kVersionKey, version);
    const auto r = run({test::kIndexBin, "--db", db, "--json", "--rebuild"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, schema_error("newsdex-index", db, version, "delete it and index again"));
    EXPECT_EQ(r.out, "");
    const auto q = run({test::kQueryBin, "--db", db, "Blair"});
    EXPECT_EQ(q.exit_code, 2);
    EXPECT_EQ(q.err, schema_error("newsdex-query", db, version, "index the archive again"));
    EXPECT_EQ(metadata(db, kVersionKey), version);
    EXPECT_EQ(metadata(db, kRebuildKey), "");
    expect_same_database(before, db, {kVersionKey});
  }
}

// An older schema as its indexer wrote it (other content hashes, no XCAP:
// terms), its sources gone: --rebuild writes every article again, and the
// database is then the one this version indexes from the same articles.
TEST(CliRebuild, AnOlderSchemaIsIndexedAgainAsThisVersionWouldIndexIt) {
  TempDir tmp;
  const std::string fresh = tmp / "fresh", db = tmp / "db";
  const std::size_t n = index_archive(tmp, fresh);
  fs::remove_all(tmp / "in");
  const Snapshot want = snapshot(fresh);
  const auto want_answers = answers(fresh, archive_queries());
  copy_database(fresh, db);
  make_older(db, "3");
  ASSERT_EQ(count_with_prefix(db, std::string(schema::kCapitalPrefix)), 0u);

  const json s = rebuild(db);
  EXPECT_EQ(s["read"], n) << s;
  EXPECT_EQ(s["replaced"], n) << s;
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["unchanged"], 0);
  EXPECT_EQ(s["documents"], n);
  EXPECT_EQ(s["errors"], 0);
  EXPECT_EQ(metadata(db, kVersionKey), kCurrent);
  EXPECT_EQ(metadata(db, kRebuildKey), "");
  EXPECT_EQ(test::ids_each_once(db).size(), n);
  expect_same_database(want, db);
  expect_same_answers(want_answers, answers(db, archive_queries()));

  // Once current, another --rebuild has nothing to do.
  const json again = rebuild(db);
  EXPECT_EQ(again["unchanged"], n) << again;
  EXPECT_EQ(again["replaced"], 0);
  expect_same_database(want, db);
}

// Only the schema version is older (the articles are already as this
// version writes them): --rebuild still leaves the database current and
// whole, its answers (facet names, "did you mean") as before.
TEST(CliRebuild, AnOlderSchemaVersionAloneIsBroughtUpToDateLosingNothing) {
  TempDir tmp;
  const std::string db = tmp / "db";
  const std::size_t n = index_archive(tmp, db);
  const Snapshot want = snapshot(db);
  const auto want_answers = answers(db, archive_queries());
  set_metadata(db, kVersionKey, "3");

  const json s = rebuild(db);
  EXPECT_EQ(s["read"], n) << s;
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["documents"], n);
  EXPECT_EQ(s["replaced"].get<std::size_t>() + s["unchanged"].get<std::size_t>(), n) << s;
  EXPECT_EQ(metadata(db, kVersionKey), kCurrent);
  EXPECT_EQ(metadata(db, kRebuildKey), "");
  EXPECT_EQ(test::ids_each_once(db).size(), n);
  expect_same_database(want, db);
  expect_same_answers(want_answers, answers(db, archive_queries()));
}

// --- 3. A rebuild killed half-way, and run again --------------------------

// `n` small JSON Lines articles with ids a0, a1..., naming people by full
// and short names, places and organizations; the first 100 have a word no
// other has (for the spelling table).
std::string generated_jsonl(std::size_t n) {
  const std::vector<std::string> people = {"Antony Blinken", "Benjamin Netanyahu", "Ismail Haniyeh",
                                           "Abdel Fattah el-Sisi"};
  const std::vector<std::string> short_names = {"Blinken", "Netanyahu", "Haniyeh", "Sisi"};
  const std::vector<std::string> places = {"Gaza", "Cairo", "Doha", "Jerusalem", "Rafah"};
  const std::vector<std::string> orgs = {"Hamas", "the United Nations", "the Red Cross"};
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string body = "Ceasefire talks in " + places[i % places.size()] + ", said " + people[i % people.size()] +
                       ", round " + std::to_string(i % 97) + ", word" + std::to_string(i) + ".";
    if (i % 3 == 0)
      body += " Mr " + short_names[(i / 3) % short_names.size()] + " later met " + orgs[i % orgs.size()] + ".";
    if (i < 100) body += " The archipelago delegation agreed.";
    out += json{{"id", "a" + std::to_string(i)},
                {"date", "2021-05-" + std::to_string(10 + i % 20)},
                {"title", "Item " + std::to_string(i)},
                {"body", body}}
               .dump() +
           "\n";
  }
  return out;
}

std::vector<json> generated_queries() {
  return {
      {{"q", "Blinken"}, {"facets", 20}},
      {{"q", "Netanyahu Cairo"}, {"all", true}, {"facets", 20}},
      {{"q", "person:\"Antony Blinken\""}, {"sort", "-date"}, {"limit", 20}},
      {{"q", "Hamas"}, {"place", "Gaza"}, {"facets", 20}},
      {{"q", "ceasefire round 5"}, {"limit", 30}},
      {{"q", "word17 OR word2999 OR word1500"}},
      {{"q", "archipelago"}, {"limit", 100}},
      {{"q", "archipelagp"}},  // a misspelling of a word of the first articles only
      {{"q", "date:2021-05-12"}, {"limit", 5}, {"facets", 20}},
  };
}

// The articles of the last commit that carry a content hash (make_older
// dropped them all; the rebuild writes them back article by article).
std::size_t rewritten(const std::string& db) {
  try {
    return Xapian::Database(db).get_value_freq(schema::kHashSlot);
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// A rebuild of kArticles stopped by `signal` once some of its commits are
// in: the database is whole but unfinished, refused until --rebuild is run
// again, which goes on where the first run stopped and leaves the database
// the same articles indexed afresh would be.
void stop_half_way_then_run_again(int signal) {
  constexpr std::size_t kArticles = 4000;
  TempDir tmp;
  const std::string fresh = tmp / "fresh", db = tmp / "db", feed = tmp / "feed.jsonl";
  test::write_file(feed, generated_jsonl(kArticles));
  // Committed as often as the rebuild below, so that the entity metadata
  // its commits leave (a name's words stay listed once it resolves
  // elsewhere) is the same.
  const json indexed = index_json(fresh, {"--commit-every", "50", feed});
  ASSERT_EQ(indexed["added"], kArticles);
  const Snapshot want = snapshot(fresh);
  const auto want_answers = answers(fresh, generated_queries());
  ASSERT_EQ(want_answers[7]["suggestion"], "archipelago") << want_answers[7];
  copy_database(fresh, db);
  make_older(db, "3", /*drop_hashes=*/true);
  ASSERT_EQ(rewritten(db), 0u);

  Child rebuilding({test::kIndexBin, "--db", db, "--json", "--quiet", "--rebuild", "--commit-every", "50"});
  ASSERT_TRUE(rebuilding.started());
  ASSERT_TRUE(test::wait_until(rebuilding, [&] { return rewritten(db) >= 300; })) << rebuilding.wait().err;
  rebuilding.signal(signal);
  const auto stopped = rebuilding.wait();
  ASSERT_EQ(stopped.exit_code, 128 + signal) << "finished before it was stopped: " << stopped.out << stopped.err;

  // Some commits, not all; the database opens and holds every article once.
  const std::size_t done = rewritten(db);
  std::cout << "[ info ] stopped with " << done << " of " << kArticles << " articles rewritten\n";
  EXPECT_GE(done, 300u);
  ASSERT_LT(done, kArticles) << "nothing left to resume";
  EXPECT_EQ(test::committed_documents(db), kArticles);
  EXPECT_EQ(test::ids_each_once(db).size(), kArticles);
  if (signal != SIGKILL) {  // what was read is committed, and the summary says so
    EXPECT_NE(stopped.err.find("newsdex-index: interrupted by SIGINT"), std::string::npos) << stopped.err;
    const json summary = json::parse(stopped.out);
    EXPECT_EQ(summary["interrupted"], true);
    EXPECT_EQ(summary["replaced"], done);
    EXPECT_EQ(summary["read"], done);
    EXPECT_EQ(summary["documents"], kArticles);
  }
  // Unfinished: still the old schema, with the mark of a rebuild under way.
  EXPECT_EQ(metadata(db, kVersionKey), "3");
  EXPECT_EQ(metadata(db, kRebuildKey), "3");
  // So the query tool refuses it (part of it is indexed one way, part the
  // other), and a plain run too, both with the command that finishes it.
  const auto q = run({test::kQueryBin, "--db", db, "--json", "Blinken"});
  EXPECT_EQ(q.exit_code, 2);
  EXPECT_EQ(q.err, schema_error("newsdex-query", db, "3", rebuild_advice(db)));
  EXPECT_EQ(q.out, "");
  const auto plain = run({test::kIndexBin, "--db", db, "--json", feed});
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_EQ(plain.err, schema_error("newsdex-index", db, "3", rebuild_advice(db)));
  EXPECT_EQ(rewritten(db), done) << "the refused run wrote";
  EXPECT_EQ(metadata(db, kRebuildKey), "3");

  // Run again: it goes on where it stopped.
  const json s = rebuild(db);
  EXPECT_EQ(s["read"], kArticles) << s;
  EXPECT_EQ(s["unchanged"], done) << s;
  EXPECT_EQ(s["replaced"], kArticles - done) << s;
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["documents"], kArticles);
  EXPECT_EQ(s["interrupted"], false);
  EXPECT_EQ(metadata(db, kVersionKey), kCurrent);
  EXPECT_EQ(metadata(db, kRebuildKey), "");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < kArticles; ++i) ids.insert("a" + std::to_string(i));
  EXPECT_EQ(test::ids_each_once(db), ids);
  EXPECT_EQ(rewritten(db), kArticles);
  // As the same articles indexed afresh: documents, evidence, spelling, answers.
  expect_same_database(want, db);
  expect_same_answers(want_answers, answers(db, generated_queries()));
}

TEST(CliRebuild, InterruptedBySigintItGoesOnWhereItStoppedWhenRunAgain) {
  stop_half_way_then_run_again(SIGINT);
}

// No chance to commit what it read: the database keeps its last commit.
TEST(CliRebuild, KilledHalfWayItIsRefusedUntilRunAgainThenWhole) {
  stop_half_way_then_run_again(SIGKILL);
}

}  // namespace
}  // namespace newsdex
