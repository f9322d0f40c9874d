#include "index/pipeline.hpp"

#include <unordered_map>
#include <unordered_set>

#include "util/hash.hpp"

namespace newsdex {
namespace {

// Counts what passes through, so the summary can say how much was skipped.
class CountingSink : public DiagnosticSink {
 public:
  explicit CountingSink(DiagnosticSink& next) : next_(next) {}
  void report(Diagnostic d) override {
    (d.severity == Severity::error ? errors : warnings)++;
    next_.report(std::move(d));
  }
  std::size_t errors = 0;
  std::size_t warnings = 0;

 private:
  DiagnosticSink& next_;
};

// Where each id was first seen in this run, to warn about duplicates.
// Keyed by a 64-bit hash to stay small on archives of millions of articles.
class IdLedger {
 public:
  // Returns the earlier "file:line" for a repeated id, or empty.
  std::string seen(const Article& a, const std::string& where) {
    const auto [it, inserted] = first_.try_emplace(Hasher().add(a.id).value(), where);
    return inserted ? std::string() : it->second;
  }

 private:
  std::unordered_map<std::uint64_t, std::string> first_;
};

}  // namespace

IndexStats index_corpus(const IndexRequest& request, DiagnosticSink& diagnostics, const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  CountingSink diag(diagnostics);
  IndexStats stats;
  IndexWriter writer(request.database, request.writer);
  CorpusReader reader(request.limits, diag);
  const std::vector<SourceFile> files = reader.discover(request.inputs);

  IndexProgress p;
  p.files = files.size();
  for (const auto& f : files) p.total_bytes += f.size;
  IdLedger ids;

  for (const SourceFile& file : files) {
    ++p.file_index;
    std::optional<schema::FileRecord> previous;
    if (!file.is_stdin()) previous = writer.file_record(file.canonical);
    if (previous && !request.force && previous->size == file.size && previous->mtime_ns == file.mtime_ns) {
      stats.unchanged += previous->articles;
      p.articles += previous->articles;
      p.bytes += file.size;
      if (progress) progress((p.seconds = elapsed(), p));
      continue;
    }

    std::unordered_set<std::string> seen_here;  // ids this file still has, for --prune
    const std::uint64_t bytes_before = p.bytes;
    const std::size_t count = reader.read(file, [&](Article&& article, std::uint64_t bytes_done) {
      const std::string where = (file.is_stdin() ? std::string("stdin") : file.display) +
                                (article.line > 0 ? ":" + std::to_string(article.line) : std::string());
      if (const std::string earlier = ids.seen(article, where); !earlier.empty()) {
        diag.warning(file.is_stdin() ? "stdin" : file.display, article.line,
                     "id '" + article.id + "' also at " + earlier + "; this later one wins");
      }
      if (request.prune) seen_here.insert(article.id);
      // The entities stage: runs only when an extractor is configured.
      std::vector<Entity> entities;
      if (request.extractor != nullptr) entities = request.extractor->extract(article);
      switch (writer.write(article, entities)) {
        case WriteOutcome::added: ++stats.added; break;
        case WriteOutcome::replaced: ++stats.replaced; break;
        case WriteOutcome::unchanged: ++stats.unchanged; break;
      }
      ++p.articles;
      p.bytes = bytes_before + std::min<std::uint64_t>(bytes_done, file.size > 0 ? file.size : bytes_done);
      if (progress) progress((p.seconds = elapsed(), p));
    });
    p.bytes = bytes_before + file.size;
    if (!file.is_stdin()) {
      writer.record_file({file.canonical, file.size, file.mtime_ns, count});
      if (request.prune && previous) stats.pruned += writer.delete_vanished(file.canonical, seen_here);
    }
  }
  if (request.prune) stats.pruned += writer.prune_missing_files();
  writer.commit();

  stats.files = files.size();
  stats.documents = writer.document_count();
  stats.bytes = p.bytes;
  stats.errors = diag.errors;
  stats.skipped = diag.errors;  // every error message stands for one input left out
  stats.warnings = diag.warnings;
  stats.seconds = elapsed();
  return stats;
}

}  // namespace newsdex
