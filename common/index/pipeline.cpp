#include "index/pipeline.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "util/errors.hpp"
#include "util/hash.hpp"

namespace newsdex {
namespace {

// Where each id was first seen in this run, to warn about duplicates. Kept
// small (a hash and two numbers per id) for archives of millions of articles.
class IdLedger {
 public:
  explicit IdLedger(const std::vector<SourceFile>& files) : files_(files) {}

  // Records the id; for a repeat, returns where it was first seen ("a.jsonl:3").
  std::string repeat(const Article& a, std::size_t file_index) {
    const Place here{static_cast<std::uint32_t>(file_index), static_cast<std::uint32_t>(a.line)};
    const auto [it, inserted] = first_.try_emplace(Hasher().add(a.id).value(), here);
    if (inserted) return {};
    const Place was = it->second;
    return files_[was.file].label() + (was.line > 0 ? ":" + std::to_string(was.line) : std::string());
  }

 private:
  struct Place {
    std::uint32_t file, line;
  };
  const std::vector<SourceFile>& files_;
  std::unordered_map<std::uint64_t, Place> first_;
};

}  // namespace

IndexStats index_corpus(const IndexRequest& request, DiagnosticSink& diagnostics, const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  CountingDiagnostics diag(diagnostics);  // the summary says how much was skipped
  IndexStats stats;
  WriterOptions writer_options = request.writer;
  writer_options.all_or_nothing = request.strict;
  writer_options.rebuild = request.rebuild;
  if (std::error_code ec; request.rebuild && !std::filesystem::exists(request.database, ec)) {
    throw DatabaseError(request.database + ": no such database to rebuild; create it with newsdex-index --db " +
                        request.database + " PATH...");
  }
  std::optional<AliasTable> user_aliases;
  if (!request.aliases_file.empty()) {
    std::ifstream in(request.aliases_file, std::ios::binary);
    if (!in) throw UsageError(request.aliases_file + ": cannot read the aliases file (--aliases)");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t errors_before = diag.errors;
    user_aliases = AliasTable::parse(text, request.aliases_file, diag);
    if (request.strict && diag.errors > errors_before) {
      throw InputError(request.aliases_file + ": bad rows (see above); --strict: nothing was indexed");
    }
    writer_options.aliases = &*user_aliases;
  }
  IndexWriter writer(request.database, writer_options, request.extractor);
  // Under --strict, once anything was bad nothing more is written: the run
  // will be discarded, and reading on only collects the other problems.
  auto writing = [&] { return !(request.strict && diag.errors > 0); };
  CorpusReader reader(request.limits, diag, request.stop);
  auto stop_requested = [&] { return request.stop != nullptr && request.stop->load(); };
  const std::vector<SourceFile> files = reader.discover(request.inputs);

  IndexProgress p;
  p.files = files.size();
  for (const auto& f : files) p.total_bytes += f.size;
  IdLedger ids(files);

  // --rebuild: every article the database stores, written again as this
  // version indexes it (up-to-date ones are unchanged and cost a look-up).
  if (request.rebuild) {
    writer.for_each_stored([&](Article&& article, bool rebuilt) {
      if (stop_requested()) return false;
      ++stats.read;
      switch (rebuilt ? WriteOutcome::unchanged : writer.write(article)) {
        case WriteOutcome::added:
          ++stats.added;
          break;
        case WriteOutcome::replaced:
          ++stats.replaced;
          break;
        case WriteOutcome::unchanged:
          ++stats.unchanged;
          break;
      }
      ++p.articles;
      if (progress) progress((p.seconds = elapsed(), p));
      return true;
    });
    if (stop_requested()) stats.interrupted = true;
  }

  for (const SourceFile& file : files) {
    if (stop_requested()) {
      stats.interrupted = true;
      break;
    }
    const std::size_t file_index = p.file_index++;
    std::optional<schema::FileRecord> previous;
    if (!file.is_stdin()) previous = writer.file_record(file.canonical);
    if (previous && !request.force && previous->size == file.size && previous->mtime_ns == file.mtime_ns) {
      stats.unchanged += previous->articles;
      p.articles += previous->articles;
      p.bytes += file.size;
      if (progress) progress((p.seconds = elapsed(), p));
      continue;
    }

    IdSet seen_here;  // ids this file still has, for --prune
    const std::uint64_t bytes_before = p.bytes;
    const std::size_t errors_before = diag.errors;
    // Indexing corpus/ and later corpus/world/x.txt on its own must update
    // one article, not add a second under another id.
    SourceFile source = file;
    if (file.format == SourceFormat::text) {
      if (auto id = writer.indexed_id(file.canonical)) source.id = std::move(*id);
    }
    const std::size_t count = reader.read(source, [&](Article&& article, std::uint64_t bytes_done) {
      if (const std::string earlier = ids.repeat(article, file_index); !earlier.empty()) {
        diag.warning(file.label(), article.line,
                     "id '" + article.id + "' also at " + earlier +
                         "; this later one wins (give each article its own id to keep both)",
                     "duplicate-id");
      }
      if (request.prune) seen_here.add(article.id);
      ++stats.read;
      if (writing()) {
        // The entities stage runs inside, on the articles that are written.
        switch (writer.write(article)) {
          case WriteOutcome::added:
            ++stats.added;
            break;
          case WriteOutcome::replaced:
            ++stats.replaced;
            break;
          case WriteOutcome::unchanged:
            ++stats.unchanged;
            break;
        }
      }
      ++p.articles;
      p.bytes = bytes_before + std::min<std::uint64_t>(bytes_done, file.size > 0 ? file.size : bytes_done);
      if (progress) progress((p.seconds = elapsed(), p));
    });
    if (stop_requested()) {  // the file may be unfinished: left unmarked, the next run reads it again
      stats.interrupted = true;
      break;
    }
    p.bytes = bytes_before + file.size;
    // A file with errors is not recorded, so the next run reads it again
    // (after the user fixed it, or its permissions, which leave mtime alone).
    if (!file.is_stdin() && diag.errors == errors_before) {
      writer.record_file({file.canonical, file.size, file.mtime_ns, count});
      if (request.prune && previous) {
        seen_here.seal();
        stats.pruned += writer.delete_vanished(file.canonical, seen_here);
      }
    }
  }
  if (request.strict && stats.interrupted) {
    writer.discard();  // not all was read, so not all is known to be good
  } else if (!writing()) {
    writer.discard();
    throw InputError("--strict: " + std::to_string(diag.errors) + " bad input" + (diag.errors == 1 ? "" : "s") +
                     " (see the messages above), so nothing was committed; fix them, or run without --strict "
                     "to index everything else");
  } else {
    if (request.prune && !stats.interrupted) stats.pruned += writer.prune_missing_files();
    writer.commit();
  }

  stats.files = files.size();
  stats.documents = writer.document_count();
  stats.shards = writer.shard_count();
  using Compact = IndexRequest::Compact;
  if (!stats.interrupted && writing() &&
      (stats.added + stats.replaced + stats.pruned > 0 || request.compact == Compact::always) &&
      (request.compact == Compact::always || (request.compact == Compact::automatic && writer.created()))) {
    writer.compact();
    stats.compacted = true;
  }
  stats.bytes = p.bytes;
  stats.errors = diag.errors;
  stats.skipped = diag.errors;  // every error message stands for one input left out
  stats.warnings = diag.warnings;
  stats.warnings_by_kind = diag.warnings_by_kind;
  stats.seconds = elapsed();
  return stats;
}

}  // namespace newsdex
