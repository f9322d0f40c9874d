#include "index/index_writer.hpp"

#include <xapian.h>

#include <filesystem>

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

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  DocumentBuilder builder;
  WriterOptions options;
  std::size_t pending = 0;
  bool in_transaction = false;  // all-or-nothing mode, until commit() or discard()

  void maybe_commit() {
    if (++pending >= options.commit_every && !in_transaction) {
      db.commit();
      pending = 0;
    }
  }

  // Deletes every document carrying `term` unless its id is in `keep`.
  std::size_t delete_with_term(const std::string& term, const std::unordered_set<std::string>* keep) {
    std::vector<Xapian::docid> doomed;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      if (keep != nullptr && keep->count(schema::decode_document_data(db.get_document(*it).get_data()).id) > 0) {
        continue;
      }
      doomed.push_back(*it);
    }
    for (const auto id : doomed) db.delete_document(id);
    return doomed.size();
  }
};

IndexWriter::IndexWriter(const std::string& path, WriterOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
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

WriteOutcome IndexWriter::write(const Article& article, const std::vector<Entity>& entities) {
  auto& db = impl_->db;
  const std::string term = schema::id_term(article.id);
  const std::string hash = schema::content_hash(article);
  try {
    WriteOutcome outcome = WriteOutcome::added;
    auto pl = db.postlist_begin(term);
    if (pl != db.postlist_end(term)) {
      if (db.get_document(*pl).get_value(schema::kHashSlot) == hash) return WriteOutcome::unchanged;
      outcome = WriteOutcome::replaced;
    }
    // A new id needs no second lookup: replace_document(term) would search for it again.
    if (outcome == WriteOutcome::added) {
      db.add_document(impl_->builder.build(article, entities, hash));
    } else {
      db.replace_document(*pl, impl_->builder.build(article, entities, hash));
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
    if (impl_->in_transaction) {
      impl_->in_transaction = false;
      impl_->db.commit_transaction();
    }
    impl_->db.commit();
    impl_->pending = 0;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("commit failed (" + e.get_description() + "); the database keeps its previous commit");
  }
}

void IndexWriter::discard() {
  if (!impl_->in_transaction) return;
  impl_->in_transaction = false;
  try {
    impl_->db.cancel_transaction();
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
