#include "index/index_writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <utility>

#include "index/document_builder.hpp"
#include "util/errors.hpp"

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
  for (const char* marker : {"iamglass", "iamchert", "iamhoney"}) {
    if (fs::exists(fs::path(path) / marker, ec)) return;
  }
  if (!fs::is_empty(path, ec) && !ec) {
    throw DatabaseError(path +
                        ": a folder of other files, not a database; give --db a new or empty folder (is the order of "
                        "--db and the article paths mixed up?)");
  }
}

// The names of one type an article shows (its facet slot).
std::vector<std::string> names_in(const Xapian::Document& doc, EntityType type) {
  const std::string list = doc.get_value(schema::entity_slot(type));
  std::vector<std::string> names;
  for (const auto name : schema::decode_entity_list(list)) names.emplace_back(name);
  return names;
}

// The entities an article named itself, as the extractor gave them: what it
// shows, with each short form back as written ("Ronald Reagan" -> "Reagan"
// where the article only said "Reagan").
std::vector<Entity> own_entities(const Xapian::Document& doc) {
  const auto forms = decode_short_forms(doc.get_value(schema::kShortFormsSlot));
  std::vector<Entity> own;
  for (const EntityType type : kEntityTypes) {
    for (auto& name : names_in(doc, type)) {
      for (const auto& f : forms) {
        if (f.type == type && f.resolved == name) name = f.written;
      }
      own.push_back({type, std::move(name)});
    }
  }
  return own;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  DocumentBuilder builder;
  WriterOptions options;
  std::size_t pending = 0;
  bool in_transaction = false;  // all-or-nothing mode, until commit() or discard()

  // Short forms (entities/short_forms.hpp): the candidates of each key, read
  // from the metadata as needed; the keys changed since the last commit
  // (written with it); the keys whose full name changed in this run (settled
  // at its end).
  std::unordered_map<std::string, Candidates> candidates;  // by metadata key
  std::set<std::string> dirty;
  std::set<std::pair<EntityType, std::string>> touched;

  Candidates& candidates_of(EntityType type, const std::string& key) {
    const std::string mkey = schema::short_form_key(type, key);
    auto it = candidates.find(mkey);
    if (it == candidates.end()) it = candidates.emplace(mkey, Candidates::decode(db.get_metadata(mkey))).first;
    return it->second;
  }

  // Counts (delta +1) or uncounts (-1) an article's full names as the
  // candidates of their short forms. A short form whose full name changes
  // is settled at the end of the run; the others are right already.
  void count_full_names(const std::vector<Entity>& own, int delta) {
    for (const auto& e : own) {
      const std::string key = short_key(e.type, e.name);
      if (key.empty()) continue;
      Candidates& c = candidates_of(e.type, key);
      const auto before = c.dominant();
      c.add(e.name, delta);
      dirty.insert(schema::short_form_key(e.type, key));
      if (c.dominant() != before) touched.emplace(e.type, key);
    }
  }

  void flush_candidates() {
    for (const auto& mkey : dirty) db.set_metadata(mkey, candidates[mkey].encode());
    dirty.clear();
    // Bounded memory on archives of millions of articles: read again as needed.
    if (candidates.size() > 200000) candidates.clear();
  }

  // Gives every article that names `key` only by its short form the name
  // the short form now stands for. Returns how many articles changed.
  std::size_t settle(EntityType type, const std::string& key) {
    const std::optional<std::string> target = candidates_of(type, key).dominant();
    const std::string term = schema::short_form_term(type, key);
    std::vector<std::pair<Xapian::docid, Xapian::Document>> changed;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      Xapian::Document doc = db.get_document(*it);
      auto forms = decode_short_forms(doc.get_value(schema::kShortFormsSlot));
      auto names = names_in(doc, type);
      bool any = false;
      for (auto& f : forms) {
        const std::string now = target.value_or(f.written);
        if (f.type != type || f.key != key || f.resolved == now) continue;
        // In place, so the names keep the order they were first named in.
        std::vector<std::string> updated;
        for (const auto& n : names) {
          const std::string& name = n == f.resolved ? now : n;
          if (std::find(updated.begin(), updated.end(), name) == updated.end()) updated.push_back(name);
        }
        names = std::move(updated);
        const std::string old_term = schema::entity_term(type, f.resolved);
        const bool still_named = std::any_of(
            names.begin(), names.end(), [&](const std::string& n) { return schema::entity_term(type, n) == old_term; });
        if (!still_named && has_term(doc, old_term)) doc.remove_term(old_term);
        doc.add_boolean_term(schema::entity_term(type, now));
        f.resolved = now;
        any = true;
      }
      if (!any) continue;
      doc.add_value(schema::entity_slot(type), schema::encode_entity_list(names));
      doc.add_value(schema::kShortFormsSlot, encode_short_forms(forms));
      changed.emplace_back(*it, std::move(doc));
    }
    for (const auto& [id, doc] : changed) db.replace_document(id, doc);
    return changed.size();
  }

  void commit_now() {
    flush_candidates();
    db.commit();
    pending = 0;
  }

  void maybe_commit() {
    if (++pending >= options.commit_every && !in_transaction) commit_now();
  }

  // Deletes every document carrying `term` unless its id is in `keep`.
  std::size_t delete_with_term(const std::string& term, const std::unordered_set<std::string>* keep) {
    std::vector<Xapian::docid> doomed;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      if (keep != nullptr && keep->count(schema::decode_document_data(doc.get_data()).id) > 0) continue;
      doomed.push_back(*it);
      count_full_names(own_entities(doc), -1);
    }
    for (const auto id : doomed) db.delete_document(id);
    return doomed.size();
  }
};

IndexWriter::IndexWriter(const std::string& path, WriterOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.commit_every == 0) impl_->options.commit_every = 1;
  refuse_what_is_not_a_database(path);
  try {
    impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(path + ": database is locked by another writer; wait for it to finish and retry");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open or create the database (" + e.get_description() + ")");
  }
  auto& db = impl_->db;
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  if (version.empty()) {
    if (db.get_doccount() > 0) {
      throw DatabaseError(path + ": not a newsdex database (it has documents but no newsdex schema); use another path");
    }
    db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
    db.set_metadata(std::string(schema::kStemKey), std::string(schema::kStemLanguage));
  } else if (version != schema::kVersion) {
    throw DatabaseError(path + ": built with newsdex schema " + version + ", this is schema " +
                        std::string(schema::kVersion) + "; delete it and index again");
  }
  if (impl_->options.spelling) impl_->builder.enable_spelling(db);
  if (impl_->options.all_or_nothing) {
    // Unflushed: not even the schema of a new database is committed unless
    // the whole run is; Xapian never commits on its own inside it.
    db.begin_transaction(false);
    impl_->in_transaction = true;
  }
}

IndexWriter::~IndexWriter() {
  // Closing commits what is pending (Xapian's rule): a run stopped by an
  // error keeps every article it wrote, each one whole; files it had not
  // finished are not recorded, so the next run reads them again. In
  // all-or-nothing mode closing cancels the open transaction instead.
  try {
    if (impl_) impl_->db.close();
  } catch (...) {
  }
}

WriteOutcome IndexWriter::write(const Article& article, EntityExtractor* extractor) {
  return write(article, [&] { return extractor != nullptr ? extractor->extract(article) : std::vector<Entity>{}; });
}

WriteOutcome IndexWriter::write(const Article& article, const std::vector<Entity>& entities) {
  return write(article, [&] { return entities; });
}

WriteOutcome IndexWriter::write(const Article& article, const std::function<std::vector<Entity>()>& entities) {
  auto& db = impl_->db;
  const std::string term = schema::id_term(article.id);
  const std::string hash = schema::content_hash(article, impl_->options.entities_version);
  try {
    WriteOutcome outcome = WriteOutcome::added;
    auto pl = db.postlist_begin(term);
    std::vector<Entity> old_entities;
    if (pl != db.postlist_end(term)) {
      const Xapian::Document old = db.get_document(*pl);
      if (old.get_value(schema::kHashSlot) == hash) return WriteOutcome::unchanged;
      outcome = WriteOutcome::replaced;
      old_entities = own_entities(old);
    }
    // The article's own full names count for their short forms; its own
    // short forms show the full name they stand for, as far as known now
    // (commit() settles them once the whole run is counted).
    const std::vector<Entity> own = entities();
    impl_->count_full_names(old_entities, -1);
    impl_->count_full_names(own, +1);
    std::vector<Entity> shown;
    std::vector<ShortForm> short_forms;
    for (const auto& e : own) {
      const std::string key = partial_key(e.type, e.name);
      if (key.empty()) {
        shown.push_back(e);
        continue;
      }
      const std::string resolved = impl_->candidates_of(e.type, key).dominant().value_or(e.name);
      short_forms.push_back({e.type, key, e.name, resolved});
      if (std::find(shown.begin(), shown.end(), Entity{e.type, resolved}) == shown.end()) {
        shown.push_back({e.type, resolved});
      }
    }
    // A new id needs no second lookup: replace_document(term) would search for it again.
    Xapian::Document doc = impl_->builder.build(article, shown, short_forms, hash);
    if (outcome == WriteOutcome::added) {
      db.add_document(doc);
    } else {
      db.replace_document(*pl, doc);
    }
    impl_->maybe_commit();
    return outcome;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot write article '" + article.id + "' (" + e.get_description() + ")");
  }
}

std::optional<schema::FileRecord> IndexWriter::file_record(const std::string& canonical) const {
  return schema::decode_file_record(impl_->db.get_metadata(schema::file_key(canonical)));
}

std::optional<std::string> IndexWriter::indexed_id(const std::string& canonical) const {
  const std::string term = schema::file_term(canonical);
  auto& db = impl_->db;
  const auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return schema::decode_document_data(db.get_document(*it).get_data()).id;
}

void IndexWriter::record_file(const schema::FileRecord& record) {
  impl_->db.set_metadata(schema::file_key(record.path), schema::encode_file_record(record));
}

void IndexWriter::record_place_aliases(const std::string& version,
                                       const std::vector<std::pair<std::string, std::string>>& aliases) {
  auto& db = impl_->db;
  if (db.get_metadata(std::string(schema::kAliasesVersionKey)) == version) return;
  const std::string prefix = std::string(schema::kAliasKeyPrefix) + facet_name(EntityType::place) + ":";
  std::vector<std::string> old;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) old.push_back(*it);
  for (const auto& key : old) db.set_metadata(key, "");
  for (const auto& [form, name] : aliases) db.set_metadata(schema::alias_key(EntityType::place, form), name);
  db.set_metadata(std::string(schema::kAliasesVersionKey), version);
}

std::size_t IndexWriter::delete_vanished(const std::string& canonical, const std::unordered_set<std::string>& keep) {
  return impl_->delete_with_term(schema::file_term(canonical), &keep);
}

std::size_t IndexWriter::prune_missing_files() {
  auto& db = impl_->db;
  const std::string prefix(schema::kFileKeyPrefix);
  std::vector<std::pair<std::string, std::string>> gone;  // key, path
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const auto record = schema::decode_file_record(db.get_metadata(*it));
    std::error_code ec;
    if (record && !std::filesystem::exists(record->path, ec) && !ec) gone.emplace_back(*it, record->path);
  }
  std::size_t deleted = 0;
  for (const auto& [key, path] : gone) {
    deleted += impl_->delete_with_term(schema::file_term(path), nullptr);
    db.set_metadata(key, "");  // an empty value deletes the key
  }
  return deleted;
}

void IndexWriter::commit() {
  try {
    // Every short form changed in this run, settled before it is committed.
    for (const auto& [type, key] : impl_->touched) impl_->settle(type, key);
    impl_->touched.clear();
    impl_->flush_candidates();
    if (impl_->in_transaction) {
      impl_->in_transaction = false;
      impl_->db.commit_transaction();
    }
    impl_->commit_now();
  } catch (const Xapian::Error& e) {
    throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit");
  }
}

void IndexWriter::discard() {
  if (!impl_->in_transaction) return;
  impl_->in_transaction = false;
  try {
    impl_->db.cancel_transaction();
    impl_->candidates.clear();  // counts of the cancelled run
    impl_->dirty.clear();
    impl_->touched.clear();
  } catch (const Xapian::Error& e) {
    // Cancelled all the same (Xapian's rule); nothing of this run was committed.
    throw DatabaseError("cannot discard the run (" + e.get_description() + "); the database keeps its previous commit");
  }
  impl_->pending = 0;
}

std::uint64_t IndexWriter::document_count() const {
  return impl_->db.get_doccount();
}

}  // namespace newsdex
