#pragma once
// The indexing pipeline, stage by stage:
//   files -> CorpusReader/ArticleParser -> [EntityExtractor] -> DocumentBuilder -> IndexWriter
// Unchanged files (same size and mtime as last run) are not even read.
//   IndexRequest req{.database = "news.db", .inputs = {"corpus/"}};
//   IndexStats stats = index_corpus(req, diagnostics, nullptr);
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article/corpus_reader.hpp"
#include "entities/entity_extractor.hpp"
#include "index/index_stats.hpp"
#include "index/index_writer.hpp"
#include "util/diagnostics.hpp"

namespace newsdex {

struct IndexRequest {
  std::string database;
  std::vector<std::string> inputs;  // files, folders, "-" for JSON Lines on stdin
  WriterOptions writer;
  ReadLimits limits;
  bool prune = false;   // delete articles whose file (or line) is gone
  bool force = false;   // read every file even if it looks unchanged
  bool strict = false;  // any bad input: commit nothing (see index_corpus)
  // Write every stored article again first (--rebuild): brings a database
  // of an older schema up to date, from the documents alone.
  bool rebuild = false;
  // Compact the database at the end (IndexWriter::compact): always, never,
  // or (auto) when this run created it, the usual first build of an archive.
  enum class Compact { automatic, always, never } compact = Compact::automatic;
  EntityExtractor* extractor = nullptr;  // the entities stage; none = full text only
  // The user's curation (--aliases FILE, entities/aliases.hpp); empty for
  // none, in which case the table a previous run applied stays in force.
  // Bad rows are reported and skipped (fatal under `strict`).
  std::string aliases_file;
  // Set (by a signal handler, say) to stop between two articles: what was
  // read is committed, the file being read is not marked done, --prune is
  // skipped, and the stats say `interrupted`. Under --strict nothing is committed.
  const std::atomic<bool>* stop = nullptr;
};

using ProgressFn = std::function<void(const IndexProgress&)>;

// Runs the whole pipeline and commits. Bad input is reported to
// `diagnostics` and skipped; database failures throw DatabaseError.
// With `strict`, the first bad input stops all writing (the rest is still
// read, so that every problem is reported) and nothing of the run is
// committed: InputError is thrown and the database keeps its last commit.
IndexStats index_corpus(const IndexRequest& request, DiagnosticSink& diagnostics, const ProgressFn& progress);

}  // namespace newsdex
