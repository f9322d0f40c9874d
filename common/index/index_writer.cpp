#include "index/index_writer.hpp"

#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "index/document_builder.hpp"
#include "index/entity_ledger.hpp"
#include "index/shard_set.hpp"
#include "index/store_errors.hpp"
#include "index/write_pipeline.hpp"
#include "util/errors.hpp"
#include "util/hash.hpp"

namespace newsdex {
namespace {

// The entities an article was stored with (its named slot).
std::vector<ArticleEntity> stored_entities(const Xapian::Document& doc) {
  return decode_article_entities(doc.get_value(schema::kNamedSlot));
}

}  // namespace

struct IndexWriter::Impl {
  WriterOptions options;
  bool closed = false;  // by compact()
  EntityExtractor* extractor = nullptr;
  std::string entities_version;
  std::unique_ptr<ShardSet> shards;
  std::unique_ptr<WritePipeline> pipeline;  // its writer threads write the shards and the ledger
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

  // The threads stop before the shards and the ledger they write go.
  ~Impl() {
    if (pipeline) pipeline->stop();
  }

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

  Xapian::WritableDatabase& catalog() { return shards->catalog().db; }

  std::string metadata(const std::string& key) {
    const std::lock_guard lock(shards->catalog().db_mutex);
    return catalog().get_metadata(key);
  }

  std::vector<std::string> metadata_keys(const std::string& prefix) {
    const std::lock_guard lock(shards->catalog().db_mutex);
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

  // The article's entities, weighed against the archive's evidence (which
  // they join, as the version they replace leaves it), then the article.
  // On the shard's writer thread.
  void finish(Job& job) {
    Shard& shard = (*shards)[job.shard];
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
    pipeline->drain();
    in_flight_ids.clear();
  }

  // Everything written so far made durable: the articles first, on every
  // shard at once, then the file records that say they are done.
  void commit_now(bool final) {
    drain();
    pipeline->take_spelling(spelling);
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
    const bool transaction = std::exchange(in_transaction, false);
    shards->commit(transaction);
    if (!records.empty()) {
      for (const auto& r : records) catalog().set_metadata(schema::file_key(r.path), schema::encode_file_record(r));
      records.clear();
      catalog().commit();
    }
    pending = 0;
  }

  // Deletes every document carrying `term` unless its id is in `keep`.
  // Only while the pipeline is drained.
  std::size_t delete_with_term(const std::string& term, const IdSet* keep) {
    std::size_t deleted = 0;
    for (std::size_t s = 0; s < shards->size(); ++s) {
      auto& db = (*shards)[s].db;
      std::vector<Xapian::docid> doomed;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        if (keep != nullptr && keep->contains(schema::decode_document_data(doc.get_data()).id)) continue;
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
  impl_->shards = std::make_unique<ShardSet>(path, impl_->options.shards);
  auto& db = impl_->catalog();
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  const std::string rebuilding = db.get_metadata(std::string(schema::kRebuildKey));
  if (version.empty()) {
    if (db.get_doccount() > 0) {
      throw DatabaseError(path + ": not a newsdex database (it has documents but no newsdex schema); use another path");
    }
    // On every shard: a shard searched on its own, or named first, is still
    // recognised as newsdex's.
    for (std::size_t s = 0; s < impl_->shards->size(); ++s) {
      auto& shard_db = (*impl_->shards)[s].db;
      shard_db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
      shard_db.set_metadata(std::string(schema::kStemKey), std::string(schema::kStemLanguage));
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
    impl_->shards->for_each_at_once([](Shard& shard, std::size_t) { shard.db.begin_transaction(false); });
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
  impl_->pipeline = std::make_unique<WritePipeline>(impl_->options.threads, extractor, impl_->options.spelling,
                                                    impl_->shards->size(), [impl](Job& job) { impl->finish(job); });
}

IndexWriter::~IndexWriter() {
  // Closing commits what is pending (Xapian's rule): a run stopped by an
  // error keeps every article it wrote, each one whole; files it had not
  // finished are not recorded, so the next run reads them again. In
  // all-or-nothing mode closing cancels the open transaction instead.
  if (!impl_ || impl_->closed || !impl_->pipeline) return;
  impl_->pipeline->stop();
  impl_->shards->close();
}

WriteOutcome IndexWriter::write(const Article& article) {
  return enqueue(article, nullptr);
}

WriteOutcome IndexWriter::write(const Article& article, const std::vector<NamedEntity>& entities) {
  return enqueue(article, &entities);
}

WriteOutcome IndexWriter::enqueue(const Article& article, const std::vector<NamedEntity>* entities) {
  auto& impl = *impl_;
  impl.pipeline->rethrow_failure();
  auto job = std::make_shared<Job>();
  const std::string term = schema::id_term(article.id);
  job->hash = schema::content_hash(article, impl.entities_version);
  // The same id twice in a row: the first must be in its shard before the
  // second is looked up.
  if (impl.in_flight_ids.count(term) > 0) impl.drain();
  WriteOutcome outcome = WriteOutcome::added;
  try {
    for (std::size_t s = 0; s < impl.shards->size() && outcome == WriteOutcome::added; ++s) {
      Shard& shard = (*impl.shards)[s];
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
    throw DatabaseError("cannot look up article '" + article.id + "' (" + e.get_description() + ")" +
                        full_disk_hint(e));
  }
  if (outcome == WriteOutcome::added) job->shard = impl.shards->next_shard();
  job->article = article;
  if (entities != nullptr) {
    job->entities_given = true;
    job->entities = *entities;
  }
  impl.in_flight_ids.insert(term);
  impl.pipeline->push(std::move(job));
  if (++impl.pending >= impl.options.commit_every && !impl.in_transaction) {
    try {
      impl.commit_now(false);
    } catch (const Xapian::Error& e) {
      throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit" +
                          full_disk_hint(e));
    }
  }
  return outcome;
}

std::optional<schema::FileRecord> IndexWriter::file_record(const std::string& canonical) const {
  return schema::decode_file_record(impl_->metadata(schema::file_key(canonical)));
}

std::optional<std::string> IndexWriter::indexed_id(const std::string& canonical) const {
  const std::string term = schema::file_term(canonical);
  for (std::size_t s = 0; s < impl_->shards->size(); ++s) {
    Shard& shard = (*impl_->shards)[s];
    const std::lock_guard lock(shard.db_mutex);
    const auto it = shard.db.postlist_begin(term);
    if (it != shard.db.postlist_end(term)) {
      return schema::decode_document_data(shard.db.get_document(*it).get_data()).id;
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
  for (std::size_t s = 0; s < impl.shards->size(); ++s) {
    Shard& shard = (*impl.shards)[s];
    std::vector<Xapian::docid> ids;
    {
      const std::lock_guard lock(shard.db_mutex);
      for (auto it = shard.db.postlist_begin(""); it != shard.db.postlist_end(""); ++it) ids.push_back(*it);
    }
    for (const Xapian::docid id : ids) {
      Article a;
      try {
        const std::lock_guard lock(shard.db_mutex);
        a = schema::decode_document_data(shard.db.get_document(id).get_data());
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

std::size_t IndexWriter::delete_vanished(const std::string& canonical, const IdSet& keep) {
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
    impl.ledger->settle(impl.shards->databases(), impl.catalog());
    impl.commit_now(true);
    if (impl.from_older_schema && impl.rebuild_done) {
      impl.shards->for_each_at_once([](Shard& shard, std::size_t) {
        shard.db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
      });
      impl.catalog().set_metadata(std::string(schema::kRebuildKey), "");
      impl.catalog().set_metadata(std::string(schema::kRebuildProgressKey), "");
      impl.from_older_schema = false;
      impl.commit_now(true);
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit" +
                        full_disk_hint(e));
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
    impl.shards->for_each_at_once([](Shard& shard, std::size_t) { shard.db.cancel_transaction(); });
  } catch (const Xapian::Error& e) {
    // Cancelled all the same (Xapian's rule); nothing of this run was committed.
    throw DatabaseError("cannot discard the run (" + e.get_description() + "); the database keeps its previous commit");
  }
  impl.ledger->discard();  // counts of the cancelled run
  impl.records.clear();
  impl.pipeline->clear_spelling();
  impl.spelling.clear();
  impl.shards->reset_places();
  impl.pending = 0;
}

std::uint64_t IndexWriter::document_count() const {
  impl_->drain();
  std::uint64_t n = 0;
  for (std::size_t s = 0; s < impl_->shards->size(); ++s) n += (*impl_->shards)[s].db.get_doccount();
  return n;
}

std::size_t IndexWriter::shard_count() const {
  return impl_->shards->size();
}

bool IndexWriter::created() const {
  return impl_->shards->created();
}

void IndexWriter::compact() {
  auto& impl = *impl_;
  impl.pipeline->stop();
  impl.closed = true;
  impl.shards->compact();
}

}  // namespace newsdex
