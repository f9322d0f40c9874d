#pragma once
// What one indexing run did, and how far it is: plain data, printed by render/
// (the summary, text or --json; the progress bar).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace newsdex {

struct IndexStats {
  std::size_t files = 0;                                // article files found
  std::size_t added = 0;                                // new articles
  std::size_t replaced = 0;                             // articles whose content changed
  std::size_t unchanged = 0;                            // articles already indexed as they are (incl. unchanged files)
  std::size_t skipped = 0;                              // inputs rejected as bad (one per error message while reading)
  std::size_t errors = 0;                               // all error messages (reading and writing)
  std::size_t warnings = 0;                             // warning messages (indexed anyway)
  std::map<std::string, std::size_t> warnings_by_kind;  // "undated": 2225 (see Diagnostic::kind)
  std::size_t pruned = 0;                               // articles deleted by --prune
  std::size_t read = 0;         // articles read from files this run (unchanged files are not read)
  std::uint64_t documents = 0;  // articles in the database afterwards
  std::uint64_t bytes = 0;      // bytes of input read
  double seconds = 0;
  bool interrupted = false;  // stopped early (a signal): what was read is committed, unless --strict
  bool compacted = false;    // rewritten by Xapian's compaction at the end (IndexWriter::compact)
  std::size_t shards = 1;    // Xapian databases the database is made of

  // Throughput of the articles actually read (a run that skips unchanged files reads none).
  double articles_per_second() const { return seconds > 0 ? static_cast<double>(read) / seconds : 0.0; }
};

// How far a run is, for a progress bar (index_corpus calls its ProgressFn with it).
struct IndexProgress {
  std::size_t articles = 0;       // read so far
  std::uint64_t bytes = 0;        // of input, so far
  std::uint64_t total_bytes = 0;  // of all input files (0 when unknown: stdin)
  std::size_t file_index = 0;     // 1-based
  std::size_t files = 0;
  double seconds = 0;
};

}  // namespace newsdex
