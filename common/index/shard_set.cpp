#include "index/shard_set.hpp"

#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "index/store_errors.hpp"
#include "schema/schema.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// Xapian would happily create a database inside any folder, such as an
// article folder given to --db by mistake, or read a file as a "stub"
// database: refuse both before opening.
void refuse_what_is_not_a_database(const std::string& path) {
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

// The databases a newsdex database is made of: {path} for a plain one, or
// the shards listed by its stub file (schema::kStubFile), created with
// `wanted` shards when new. Throws DatabaseError for another count.
std::vector<std::string> shard_paths(const std::string& path, unsigned wanted) {
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

ShardSet::ShardSet(const std::string& path, unsigned wanted) {
  refuse_what_is_not_a_database(path);
  try {
    for (const auto& shard_path : shard_paths(path, wanted)) {
      auto shard = std::make_unique<Shard>();
      shard->path = shard_path;
      std::error_code ec;
      if (!fs::exists(fs::path(shard_path) / schema::kGlassMarker, ec)) created_ = true;
      shard->db = Xapian::WritableDatabase(shard_path, Xapian::DB_CREATE_OR_OPEN);
      shard->last = shard->db.get_lastdocid();
      shards_.push_back(std::move(shard));
    }
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(path + ": database is locked by another writer; wait for it to finish and retry");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": cannot open or create the database (" + e.get_description() + ")" +
                        full_disk_hint(e));
  } catch (const fs::filesystem_error& e) {
    throw DatabaseError(path + ": cannot create the database (" + e.code().message() + ")");
  }
}

std::vector<Xapian::WritableDatabase*> ShardSet::databases() {
  std::vector<Xapian::WritableDatabase*> dbs;
  for (auto& s : shards_) dbs.push_back(&s->db);
  return dbs;
}

std::size_t ShardSet::next_shard() {
  std::size_t best = 0;
  for (std::size_t s = 1; s < shards_.size(); ++s) {
    if (shards_[s]->last < shards_[best]->last) best = s;
  }
  ++shards_[best]->last;
  return best;
}

void ShardSet::reset_places() {
  for (auto& shard : shards_) shard->last = shard->db.get_lastdocid();
}

void ShardSet::for_each_at_once(const std::function<void(Shard&, std::size_t)>& step) {
  std::vector<std::exception_ptr> errors(shards_.size());
  auto run = [&](std::size_t s) {
    try {
      step(*shards_[s], s);
    } catch (...) {
      errors[s] = std::current_exception();
    }
  };
  std::vector<std::thread> others;
  for (std::size_t s = 1; s < shards_.size(); ++s) others.emplace_back(run, s);
  run(0);
  for (auto& t : others) t.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void ShardSet::commit(bool transaction) {
  for_each_at_once([transaction](Shard& shard, std::size_t) {
    if (transaction) {
      shard.db.commit_transaction();
    } else {
      shard.db.commit();
    }
  });
}

void ShardSet::close() noexcept {
  for (auto& shard : shards_) {
    try {
      shard->db.close();
    } catch (...) {
      // Everything that could be committed was; closing only releases the lock.
    }
  }
}

void ShardSet::compact() {
  // Each shard compacted beside itself while this set still holds its lock.
  std::vector<std::string> errors(shards_.size());
  std::vector<std::string> hints(shards_.size());
  for_each_at_once([&](Shard& shard, std::size_t s) {
    const std::string fresh = shard.path + ".compacting";
    try {
      fs::remove_all(fresh);
      Xapian::Database(shard.path).compact(fresh, Xapian::DBCOMPACT_NO_RENUMBER);
    } catch (const Xapian::Error& e) {
      errors[s] = e.get_description();
      hints[s] = full_disk_hint(e);
    } catch (const fs::filesystem_error& e) {
      errors[s] = e.what();
    }
  });
  close();
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    const std::string& path = shards_[s]->path;
    std::error_code ec;
    if (!errors[s].empty()) {
      fs::remove_all(path + ".compacting", ec);
      throw DatabaseError(path + ": compaction failed (" + errors[s] + "); the database is whole, only not compacted" +
                          hints[s]);
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
