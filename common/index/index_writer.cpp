#include "index/index_writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "index/document_builder.hpp"
#include "index/entity_ledger.hpp"
#include "util/errors.hpp"
#include "util/hash.hpp"

namespace newsdex {
namespace {

// Xapian would happily create a database inside any folder, such as an
// article folder given to --db by mistake, or read a file as a "stub"
// database: refuse both before opening.
void refuse_what_is_not_a_database(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return;  // created (or reported) by Xapian
  if (!fs::is_directory(status)) {
    throw DatabaseError(path + ": is a file, not a database folder; give --db a new or existing database folder");
  }
  for (const std::string_view marker : {schema::kGlassMarker, std::string_view("iamchert"),
                                        std::string_view("iamhoney"), std::string_view("XAPIANDB")}) {
    if (fs::exists(fs::path(path) / marker, ec)) return;
  }
  if (!fs::is_empty(path, ec) && !ec) {
    throw DatabaseError(path +
                        ": a folder of other files, not a database; give --db a new or empty folder (is the order of "
                        "--db and the article paths mixed up?)");
  }
}

// The entities an article was stored with (its named slot).
std::vector<ArticleEntity> stored_entities(const Xapian::Document& doc) {
  return decode_article_entities(doc.get_value(schema::kNamedSlot));
}

// The databases a newsdex database is made of: {path} for a plain one, or
// the shards listed by its stub file (schema::kStubFile), created with
// `wanted` shards when new. Throws DatabaseError for another count.
std::vector<std::string> shard_paths(const std::string& path, unsigned wanted) {
  namespace fs = std::filesystem;
  const fs::path stub = fs::path(path) / schema::kStubFile;
  std::error_code ec;
  const bool is_new = !fs::exists(fs::path(path) / schema::kGlassMarker, ec) && !fs::exists(stub, ec);
  std::vector<std::string> paths;
  if (is_new) {
    if (wanted <= 1) return {path};
    // The stub first: a run stopped before the shards exist leaves a
    // database whose shards are created by the next run.
    fs::create_directories(path, ec);
    std::ofstream out(stub);
    for (unsigned i = 0; i < wanted; ++i) out << "auto " << schema::shard_folder(i) << '\n';
    if (!out.flush())
      throw DatabaseError(stub.string() + ": cannot write the shard list; check the folder's permissions");
  }
  if (!fs::exists(stub, ec)) {
    paths = {path};
  } else {
    std::ifstream in(stub);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::string backend;
      std::string shard;
      if (words >> backend >> shard && backend == "auto" && shard.find('/') == std::string::npos) {
        paths.push_back((fs::path(path) / shard).string());
      } else if (!line.empty()) {
        throw DatabaseError(stub.string() + ": not a newsdex shard list (line '" + line +
                            "'); newsdex writes 'auto shard-N' lines only");
      }
    }
  }
  if (wanted != 0 && wanted != paths.size()) {
    throw DatabaseError(path + ": has " + std::to_string(paths.size()) + " shard" + (paths.size() == 1 ? "" : "s") +
                        ", not " + std::to_string(wanted) + "; index it with --shards " + std::to_string(paths.size()) +
                        " (or leave --shards out), or into a new database");
  }
  return paths;
}

}  // namespace

// One article on its way: decided by write(), analysed by a worker (entity
// extraction, free text), written by its shard's writer.
struct Job {
  Article article;
  std::string hash;
  bool entities_given = false;
  std::vector<NamedEntity> entities;  // given, or the extractor's
  std::size_t shard = 0;
  Xapian::docid replace = 0;  // in the shard; 0: a new article
  Xapian::Document doc;
  std::exception_ptr error;
  bool ready = false;  // analysed; guarded by Impl::m
};

struct Shard {
  std::string path;
  Xapian::WritableDatabase db;
  std::mutex db_mutex;                     // the writer thread writes it, write() looks ids up in it
  std::deque<std::shared_ptr<Job>> queue;  // in write() order; guarded by Impl::m
  Xapian::docid last = 0;                  // its last document id, for placing new articles
  std::thread thread;
};

struct Worker {
  DocumentBuilder builder;
  std::unique_ptr<EntityExtractor> own;  // a clone, or none when sharing is impossible
  SpellingCounts spelling;               // this batch's words
  std::thread thread;
};

struct IndexWriter::Impl {
  WriterOptions options;
  bool created = false;  // a shard was created by this writer
  bool closed = false;   // by compact()
  EntityExtractor* extractor = nullptr;
  std::string entities_version;
  std::vector<std::unique_ptr<Shard>> shards;
  std::vector<std::unique_ptr<Worker>> workers;
  std::size_t pending = 0;
  bool in_transaction = false;              // all-or-nothing mode, until commit() or discard()
  std::vector<schema::FileRecord> records;  // written with the next commit, after the articles
  // Words for the spelling table, gathered over commits: Xapian rewrites a
  // word's entry (and, for a new word, a dozen fragment entries) each time
  // it is added, so adding once a run instead of once a batch saves most
  // of that work. Written when it grows past kMaxSpellingWords, and by the
  // final commit(); a run killed before that leaves the words of its
  // committed articles out of "did you mean" (they are still searchable).
  SpellingCounts spelling;
  static constexpr std::size_t kMaxSpellingWords = 1u << 19;

  // The pipeline's state, under one lock (jobs take about a millisecond each).
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Job>> analysis;
  std::size_t in_flight = 0;
  bool stopping = false;
  std::exception_ptr failure;                     // the first error of a background thread
  std::unordered_set<std::string> in_flight_ids;  // id terms not yet in the database (coordinator only)

  // The archive's evidence on every name, and what each resolves to.
  std::unique_ptr<EntityLedger> ledger;
  // Rebuilding a database of an older schema: the articles it replaces
  // were not counted in the (restarted) evidence.
  bool from_older_schema = false;
  bool rebuild_done = false;  // every stored article was written again (set by for_each_stored)
  // The last stored article for_each_stored() handed on (shard, docid):
  // once drained, the rebuild's progress, committed with each commit.
  std::pair<std::size_t, Xapian::docid> rebuilt_up_to{0, 0};

  // Before the first article of a rebuild from schema `from`: the entity
  // metadata and the spelling data go (they are made again), and a mark
  // says a rebuild is under way.
  void start_rebuild(const std::string& from) {
    auto& db = catalog();
    std::vector<std::string> doomed;
    for (const std::string_view prefix :
         {schema::kStatsKeyPrefix, schema::kPolicyKeyPrefix, schema::kShortFormKeyPrefix, schema::kUnsettledKeyPrefix,
          schema::kEntityKeyPrefix, schema::kEntityWordKeyPrefix}) {
      const std::string p(prefix);
      for (auto it = db.metadata_keys_begin(p); it != db.metadata_keys_end(p); ++it) doomed.push_back(*it);
    }
    for (const auto& key : doomed) db.set_metadata(key, "");
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words.emplace_back(*it, it.get_termfreq());
    for (const auto& [word, n] : words) db.remove_spelling(word, n);
    db.set_metadata(std::string(schema::kRebuildKey), from);
    db.set_metadata(std::string(schema::kRebuildProgressKey), "");
    // Committed with the first articles: a run stopped before then leaves
    // the database as it was.
  }

  Xapian::WritableDatabase& catalog() { return shards.front()->db; }

  std::string metadata(const std::string& key) {
    const std::lock_guard lock(shards.front()->db_mutex);
    return catalog().get_metadata(key);
  }

  std::vector<std::string> metadata_keys(const std::string& prefix) {
    const std::lock_guard lock(shards.front()->db_mutex);
    std::vector<std::string> keys;
    for (auto it = catalog().metadata_keys_begin(prefix); it != catalog().metadata_keys_end(prefix); ++it) {
      keys.push_back(*it);
    }
    return keys;
  }

  // What a filter means by a name no article writes ("place:US", "org:GOP"):
  // the extractor's knowledge and the user's aliases (which win), recorded
  // for the query tool whenever they change.
  void record_aliases(const AliasTable* knowledge, const AliasTable* user) {
    const std::string version = Hasher()
                                    .add(knowledge != nullptr ? knowledge->encode() : std::string())
                                    .add(user != nullptr ? user->encode() : std::string())
                                    .hex();
    auto& db = catalog();
    if (db.get_metadata(std::string(schema::kAliasesVersionKey)) == version) return;
    const std::string prefix(schema::kAliasKeyPrefix);
    std::vector<std::string> old;
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) old.push_back(*it);
    for (const auto& key : old) db.set_metadata(key, "");
    std::map<std::string, std::string> rows;
    for (const AliasTable* table : {knowledge, user}) {
      if (table == nullptr) continue;
      for (const auto& [key, targets] : table->entries()) {
        // The first of several targets: the query tool prefers what the
        // archive resolved a name to, and reads this only for names no
        // article writes.
        const AliasTarget& t = targets.front();
        rows[key] = t.drop ? std::string("-") : std::string(facet_name(t.type)) + '\t' + t.canonical;
      }
    }
    for (const auto& [key, row] : rows) {
      if (schema::alias_key(key).size() < 240) db.set_metadata(schema::alias_key(key), row);
    }
    db.set_metadata(std::string(schema::kAliasesVersionKey), version);
  }

  std::vector<Xapian::WritableDatabase*> databases() {
    std::vector<Xapian::WritableDatabase*> dbs;
    for (auto& s : shards) dbs.push_back(&s->db);
    return dbs;
  }

  // --- The pipeline ------------------------------------------------------

  void start_threads() {
    const unsigned n = std::max(1u, options.threads);
    std::unique_ptr<EntityExtractor> first = extractor != nullptr ? extractor->clone() : nullptr;
    // An extractor that cannot be cloned is used as given, on one thread.
    const unsigned count = extractor != nullptr && first == nullptr ? 1 : n;
    for (unsigned i = 0; i < count; ++i) {
      auto w = std::make_unique<Worker>();
      if (i == 0) {
        w->own = std::move(first);
      } else if (extractor != nullptr) {
        w->own = extractor->clone();
      }
      workers.push_back(std::move(w));
    }
    for (auto& w : workers) w->thread = std::thread([this, w = w.get()] { analyse(*w); });
    for (auto& s : shards) s->thread = std::thread([this, s = s.get()] { write_out(*s); });
  }

  void stop_threads() {
    {
      const std::lock_guard lock(m);
      stopping = true;
    }
    cv.notify_all();
    for (auto& w : workers) {
      if (w->thread.joinable()) w->thread.join();
    }
    for (auto& s : shards) {
      if (s->thread.joinable()) s->thread.join();
    }
  }

  // A worker: entities and free text, on any thread.
  void analyse(Worker& w) {
    EntityExtractor* extract = w.own ? w.own.get() : extractor;
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return stopping || !analysis.empty(); });
        if (analysis.empty()) return;
        job = std::move(analysis.front());
        analysis.pop_front();
      }
      try {
        if (!job->entities_given && extract != nullptr) job->entities = extract->extract(job->article);
        job->doc = w.builder.build_text(job->article, job->hash);
        if (options.spelling) DocumentBuilder::count_spelling(job->doc, w.spelling);
      } catch (...) {
        job->error = std::current_exception();
      }
      {
        const std::lock_guard lock(m);
        job->ready = true;
      }
      cv.notify_all();
    }
  }

  // A shard's writer: its articles in write() order, each once analysed.
  void write_out(Shard& shard) {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] {
          return (stopping && shard.queue.empty()) || (!shard.queue.empty() && shard.queue.front()->ready);
        });
        if (shard.queue.empty()) return;
        job = std::move(shard.queue.front());
        shard.queue.pop_front();
      }
      if (!job->error) {
        try {
          finish(shard, *job);
        } catch (const Xapian::Error& e) {
          job->error = std::make_exception_ptr(
              DatabaseError("cannot write article '" + job->article.id + "' (" + e.get_description() + ")"));
        } catch (...) {
          job->error = std::current_exception();
        }
      }
      {
        const std::lock_guard lock(m);
        if (job->error && !failure) failure = job->error;
        --in_flight;
      }
      cv.notify_all();
    }
  }

  // The article's entities, weighed against the archive's evidence (which
  // they join, as the version they replace leaves it), then the article.
  void finish(Shard& shard, Job& job) {
    std::vector<ArticleEntity> old;
    if (job.replace != 0 && !from_older_schema) {
      const std::lock_guard lock(shard.db_mutex);
      old = stored_entities(shard.db.get_document(job.replace));
    }
    DocumentBuilder::set_entities(job.doc, ledger->add(job.entities, old));
    const std::lock_guard lock(shard.db_mutex);
    if (job.replace == 0) {
      shard.db.add_document(job.doc);
    } else {
      shard.db.replace_document(job.replace, job.doc);
    }
  }

  // Waits until every article given to write() is in its shard; rethrows
  // the first background error.
  void drain() {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return in_flight == 0; });
    in_flight_ids.clear();
    if (failure) std::rethrow_exception(std::exchange(failure, nullptr));
  }

  void rethrow_failure() {
    const std::lock_guard lock(m);
    if (failure) std::rethrow_exception(std::exchange(failure, nullptr));
  }

  // The shard of a new article: in turn, so that the combined document ids
  // (Xapian interleaves shards: id = (shard id - 1) * N + shard + 1) follow
  // the order of writing, as in a single database.
  std::size_t next_shard() {
    std::size_t best = 0;
    for (std::size_t s = 1; s < shards.size(); ++s) {
      if (shards[s]->last < shards[best]->last) best = s;
    }
    ++shards[best]->last;
    return best;
  }

  // Everything written so far made durable: the articles first, on every
  // shard at once, then the file records that say they are done.
  void commit_now(bool final) {
    drain();
    for (auto& w : workers) {
      for (const auto& [word, count] : w->spelling) spelling[word] += count;
      w->spelling.clear();
    }
    // A rebuild commits its spelling data with each commit: its progress
    // says the articles before it are done, so a resumed run does not
    // write them (and their words) again.
    if (final || from_older_schema || spelling.size() > kMaxSpellingWords) {
      for (const auto& [word, count] : spelling) catalog().add_spelling(word, count);
      spelling.clear();
    }
    ledger->flush(catalog());
    if (from_older_schema) {
      catalog().set_metadata(std::string(schema::kRebuildProgressKey),
                             std::to_string(rebuilt_up_to.first) + "\t" + std::to_string(rebuilt_up_to.second));
    }
    if (in_transaction) {
      for (const auto& r : records) catalog().set_metadata(schema::file_key(r.path), schema::encode_file_record(r));
      records.clear();
    }
    std::vector<std::exception_ptr> errors(shards.size());
    auto commit_shard = [&](std::size_t s) {
      try {
        if (in_transaction) {
          shards[s]->db.commit_transaction();
        } else {
          shards[s]->db.commit();
        }
      } catch (...) {
        errors[s] = std::current_exception();
      }
    };
    std::vector<std::thread> others;
    for (std::size_t s = 1; s < shards.size(); ++s) others.emplace_back(commit_shard, s);
    commit_shard(0);
    for (auto& t : others) t.join();
    in_transaction = false;
    for (const auto& e : errors) {
      if (e) std::rethrow_exception(e);
    }
    if (!records.empty()) {
      for (const auto& r : records) catalog().set_metadata(schema::file_key(r.path), schema::encode_file_record(r));
      records.clear();
      catalog().commit();
    }
    pending = 0;
  }

  // Deletes every document carrying `term` unless its id is in `keep`.
  // Only while the pipeline is drained.
  std::size_t delete_with_term(const std::string& term, const std::unordered_set<std::string>* keep) {
    std::size_t deleted = 0;
    for (auto& shard : shards) {
      auto& db = shard->db;
      std::vector<Xapian::docid> doomed;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        if (keep != nullptr && keep->count(schema::decode_document_data(doc.get_data()).id) > 0) continue;
        doomed.push_back(*it);
        ledger->remove(stored_entities(doc));
      }
      for (const auto id : doomed) db.delete_document(id);
      deleted += doomed.size();
    }
    return deleted;
  }
};

IndexWriter::IndexWriter(const std::string& path, WriterOptions options, EntityExtractor* extractor)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->extractor = extractor;
  impl_->entities_version = extractor != nullptr ? extractor->version() : std::string();
  if (impl_->options.commit_every == 0) impl_->options.commit_every = 1;
  refuse_what_is_not_a_database(path);
  try {
    for (const auto& shard_path : shard_paths(path, impl_->options.shards)) {
      auto shard = std::make_unique<Shard>();
      shard->path = shard_path;
      std::error_code ec;
      if (!std::filesystem::exists(std::filesystem::path(shard_path) / schema::kGlassMarker, ec)) impl_->created = true;
      shard->db = Xapian::WritableDatabase(shard_path, Xapian::DB_CREATE_OR_OPEN);
      shard->last = shard->db.get_lastdocid();
      impl_->shards.push_back(std::move(shard));
    }
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(path + ": database is locked by another writer; wait for it to finish and retry");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open or create the database (" + e.get_description() + ")");
  } catch (const std::filesystem::filesystem_error& e) {
    throw DatabaseError(path + ": cannot create the database (" + e.code().message() + ")");
  }
  auto& db = impl_->catalog();
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  const std::string rebuilding = db.get_metadata(std::string(schema::kRebuildKey));
  if (version.empty()) {
    if (db.get_doccount() > 0) {
      throw DatabaseError(path + ": not a newsdex database (it has documents but no newsdex schema); use another path");
    }
    // On every shard: a shard searched on its own, or named first, is still
    // recognised as newsdex's.
    for (auto& shard : impl_->shards) {
      shard->db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
      shard->db.set_metadata(std::string(schema::kStemKey), std::string(schema::kStemLanguage));
    }
  } else if (version != schema::kVersion || !rebuilding.empty()) {
    const int from = std::atoi(version.c_str());
    const bool older = from >= schema::kOldestRebuildable && from < std::atoi(std::string(schema::kVersion).c_str());
    if (!impl_->options.rebuild || (!older && rebuilding.empty())) {
      throw DatabaseError(
          path + ": built with newsdex schema " + version + ", this is schema " + std::string(schema::kVersion) +
          (older || !rebuilding.empty() ? "; bring it up to date with: newsdex-index --db " + path + " --rebuild"
                                        : "; delete it and index again"));
    }
    impl_->from_older_schema = true;
  }
  if (impl_->options.all_or_nothing) {
    // Unflushed: not even the schema of a new database is committed unless
    // the whole run is; Xapian never commits on its own inside it.
    for (auto& shard : impl_->shards) shard->db.begin_transaction(false);
    impl_->in_transaction = true;
  }
  // A rebuild from an older schema starts with the archive's evidence and
  // the spelling data afresh (every article adds its own again); a stopped
  // one goes on where it stopped.
  if (impl_->from_older_schema && rebuilding.empty()) impl_->start_rebuild(version);
  const AliasTable* knowledge = extractor != nullptr ? extractor->knowledge() : nullptr;
  Impl* impl = impl_.get();
  impl_->ledger = std::make_unique<EntityLedger>(
      [impl](const std::string& key) { return impl->metadata(key); },
      [impl](const std::string& prefix) { return impl->metadata_keys(prefix); }, knowledge, impl_->options.aliases);
  impl_->record_aliases(knowledge, impl_->options.aliases);
  impl_->start_threads();
}

IndexWriter::~IndexWriter() {
  // Closing commits what is pending (Xapian's rule): a run stopped by an
  // error keeps every article it wrote, each one whole; files it had not
  // finished are not recorded, so the next run reads them again. In
  // all-or-nothing mode closing cancels the open transaction instead.
  if (!impl_ || impl_->closed) return;
  impl_->stop_threads();
  for (auto& shard : impl_->shards) {
    try {
      shard->db.close();
    } catch (...) {
    }
  }
}

WriteOutcome IndexWriter::write(const Article& article) {
  return enqueue(article, nullptr);
}

WriteOutcome IndexWriter::write(const Article& article, const std::vector<NamedEntity>& entities) {
  return enqueue(article, &entities);
}

WriteOutcome IndexWriter::enqueue(const Article& article, const std::vector<NamedEntity>* entities) {
  auto& impl = *impl_;
  impl.rethrow_failure();
  auto job = std::make_shared<Job>();
  const std::string term = schema::id_term(article.id);
  job->hash = schema::content_hash(article, impl.entities_version);
  // The same id twice in a row: the first must be in its shard before the
  // second is looked up.
  if (impl.in_flight_ids.count(term) > 0) impl.drain();
  WriteOutcome outcome = WriteOutcome::added;
  try {
    for (std::size_t s = 0; s < impl.shards.size() && outcome == WriteOutcome::added; ++s) {
      Shard& shard = *impl.shards[s];
      const std::lock_guard lock(shard.db_mutex);
      const auto pl = shard.db.postlist_begin(term);
      if (pl == shard.db.postlist_end(term)) continue;
      // A rebuild writes every article again, whatever its hash says (an
      // article of an older schema can hash the same, its terms not).
      if (!impl.from_older_schema && shard.db.get_document(*pl).get_value(schema::kHashSlot) == job->hash) {
        return WriteOutcome::unchanged;
      }
      outcome = WriteOutcome::replaced;
      job->shard = s;
      job->replace = *pl;
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot look up article '" + article.id + "' (" + e.get_description() + ")");
  }
  if (outcome == WriteOutcome::added) job->shard = impl.next_shard();
  job->article = article;
  if (entities != nullptr) {
    job->entities_given = true;
    job->entities = *entities;
  }
  impl.in_flight_ids.insert(term);
  {
    // Bounded: the reader waits when the threads are this far behind.
    const std::size_t max_in_flight = 16 * (impl.workers.size() + impl.shards.size());
    std::unique_lock lock(impl.m);
    impl.cv.wait(lock, [&] { return impl.in_flight < max_in_flight; });
    ++impl.in_flight;
    impl.analysis.push_back(job);
    impl.shards[job->shard]->queue.push_back(job);
  }
  impl.cv.notify_all();
  if (++impl.pending >= impl.options.commit_every && !impl.in_transaction) {
    try {
      impl.commit_now(false);
    } catch (const Xapian::Error& e) {
      throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit");
    }
  }
  return outcome;
}

std::optional<schema::FileRecord> IndexWriter::file_record(const std::string& canonical) const {
  return schema::decode_file_record(impl_->metadata(schema::file_key(canonical)));
}

std::optional<std::string> IndexWriter::indexed_id(const std::string& canonical) const {
  const std::string term = schema::file_term(canonical);
  for (auto& shard : impl_->shards) {
    const std::lock_guard lock(shard->db_mutex);
    const auto it = shard->db.postlist_begin(term);
    if (it != shard->db.postlist_end(term)) {
      return schema::decode_document_data(shard->db.get_document(*it).get_data()).id;
    }
  }
  return std::nullopt;
}

void IndexWriter::record_file(const schema::FileRecord& record) {
  // Recorded with the next commit, once the file's articles are written.
  impl_->records.push_back(record);
}

void IndexWriter::for_each_stored(const std::function<bool(Article&&, bool rebuilt)>& each) {
  auto& impl = *impl_;
  // A rebuild resumed: the articles up to its committed progress are done.
  std::pair<std::size_t, Xapian::docid> done{0, 0};
  if (impl.from_older_schema) {
    const std::string progress = impl.metadata(std::string(schema::kRebuildProgressKey));
    if (const auto tab = progress.find('\t'); tab != std::string::npos) {
      done = {std::strtoul(progress.c_str(), nullptr, 10),
              static_cast<Xapian::docid>(std::strtoul(progress.c_str() + tab + 1, nullptr, 10))};
    }
  }
  for (std::size_t s = 0; s < impl.shards.size(); ++s) {
    auto& shard = impl.shards[s];
    std::vector<Xapian::docid> ids;
    {
      const std::lock_guard lock(shard->db_mutex);
      for (auto it = shard->db.postlist_begin(""); it != shard->db.postlist_end(""); ++it) ids.push_back(*it);
    }
    for (const Xapian::docid id : ids) {
      Article a;
      try {
        const std::lock_guard lock(shard->db_mutex);
        a = schema::decode_document_data(shard->db.get_document(id).get_data());
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // replaced meanwhile (the same id twice)
      }
      const bool rebuilt = s < done.first || (s == done.first && id <= done.second);
      // Set before the article is handed on: a commit inside write() comes
      // after it is queued. An article refused (the run was stopped) is not done.
      const auto before = impl.rebuilt_up_to;
      if (!rebuilt) impl.rebuilt_up_to = {s, id};
      if (!a.id.empty() && !each(std::move(a), rebuilt)) {
        impl.rebuilt_up_to = before;
        return;
      }
    }
  }
  impl.rebuild_done = true;
}

std::size_t IndexWriter::delete_vanished(const std::string& canonical, const std::unordered_set<std::string>& keep) {
  impl_->drain();
  return impl_->delete_with_term(schema::file_term(canonical), &keep);
}

std::size_t IndexWriter::prune_missing_files() {
  auto& impl = *impl_;
  impl.drain();
  auto& db = impl.catalog();
  const std::string prefix(schema::kFileKeyPrefix);
  // Files recorded by this run are not yet in the metadata: they exist.
  std::vector<std::pair<std::string, std::string>> gone;  // key, path
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const auto record = schema::decode_file_record(db.get_metadata(*it));
    std::error_code ec;
    if (record && !std::filesystem::exists(record->path, ec) && !ec) gone.emplace_back(*it, record->path);
  }
  std::size_t deleted = 0;
  for (const auto& [key, path] : gone) {
    deleted += impl.delete_with_term(schema::file_term(path), nullptr);
    db.set_metadata(key, "");  // an empty value deletes the key
  }
  return deleted;
}

void IndexWriter::commit() {
  auto& impl = *impl_;
  try {
    impl.drain();
    // Every name whose evidence changed in this run, settled before it is committed.
    impl.ledger->settle(impl.databases(), impl.catalog());
    impl.commit_now(true);
    if (impl.from_older_schema && impl.rebuild_done) {
      for (auto& shard : impl.shards)
        shard->db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
      impl.catalog().set_metadata(std::string(schema::kRebuildKey), "");
      impl.catalog().set_metadata(std::string(schema::kRebuildProgressKey), "");
      impl.from_older_schema = false;
      impl.commit_now(true);
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit");
  }
}

void IndexWriter::discard() {
  auto& impl = *impl_;
  if (!impl.in_transaction) return;
  impl.in_transaction = false;
  try {
    impl.drain();
  } catch (...) {
    // What failed is discarded with the rest.
  }
  try {
    for (auto& shard : impl.shards) shard->db.cancel_transaction();
  } catch (const Xapian::Error& e) {
    // Cancelled all the same (Xapian's rule); nothing of this run was committed.
    throw DatabaseError("cannot discard the run (" + e.get_description() + "); the database keeps its previous commit");
  }
  impl.ledger->discard();  // counts of the cancelled run
  impl.records.clear();
  for (auto& w : impl.workers) w->spelling.clear();
  impl.spelling.clear();
  for (auto& shard : impl.shards) shard->last = shard->db.get_lastdocid();
  impl.pending = 0;
}

std::uint64_t IndexWriter::document_count() const {
  impl_->drain();
  std::uint64_t n = 0;
  for (auto& shard : impl_->shards) n += shard->db.get_doccount();
  return n;
}

std::size_t IndexWriter::shard_count() const {
  return impl_->shards.size();
}

bool IndexWriter::created() const {
  return impl_->created;
}

void IndexWriter::compact() {
  namespace fs = std::filesystem;
  auto& impl = *impl_;
  impl.stop_threads();
  // Each shard compacted beside itself while this writer still holds its
  // lock, all at once; document ids kept (the shards' interleaving needs them).
  std::vector<std::string> errors(impl.shards.size());
  auto compact_shard = [&](std::size_t s) {
    const std::string& path = impl.shards[s]->path;
    const std::string fresh = path + ".compacting";
    try {
      fs::remove_all(fresh);
      Xapian::Database(path).compact(fresh, Xapian::DBCOMPACT_NO_RENUMBER);
    } catch (const Xapian::Error& e) {
      errors[s] = e.get_description();
    } catch (const fs::filesystem_error& e) {
      errors[s] = e.what();
    }
  };
  std::vector<std::thread> others;
  for (std::size_t s = 1; s < impl.shards.size(); ++s) others.emplace_back(compact_shard, s);
  compact_shard(0);
  for (auto& t : others) t.join();
  for (auto& shard : impl.shards) {
    try {
      shard->db.close();
    } catch (const Xapian::Error&) {
      // Everything was committed before; closing only releases the lock.
    }
  }
  impl.closed = true;
  for (std::size_t s = 0; s < impl.shards.size(); ++s) {
    const std::string& path = impl.shards[s]->path;
    std::error_code ec;
    if (!errors[s].empty()) {
      fs::remove_all(path + ".compacting", ec);
      throw DatabaseError(path + ": compaction failed (" + errors[s] + "); the database is whole, only not compacted");
    }
    // Swapped in by two renames: a reader opening in the instant between
    // them finds no database (the query tool says so; running it again works).
    fs::rename(path, path + ".old", ec);
    if (!ec) fs::rename(path + ".compacting", path, ec);
    if (ec) {
      throw DatabaseError(path + ": cannot swap in the compacted database (" + ec.message() + "); the database is in " +
                          path + " or " + path + ".old, the compacted one in " + path + ".compacting");
    }
    fs::remove_all(path + ".old", ec);
  }
}

}  // namespace newsdex
