#pragma once
// Finds the article files under the paths a user names and reads each into
// Articles. Folders are walked recursively in a stable (sorted) order, hidden
// files and folders are skipped, symlink loops are detected.
//   CorpusReader reader(limits, diagnostics);
//   for (const SourceFile& f : reader.discover({"corpus/"}))
//     reader.read(f, [&](Article&& a, std::uint64_t done) { ... });
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article/article.hpp"
#include "util/diagnostics.hpp"

namespace newsdex {

enum class SourceFormat { text, jsonl };

struct SourceFile {
  std::string display;    // the path as the user would write it: "corpus/world/a.txt"
  std::string canonical;  // absolute, symlinks resolved; empty for standard input
  std::string id;         // a .txt article's id: its path relative to the folder given
  SourceFormat format = SourceFormat::text;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool is_stdin() const { return canonical.empty(); }
  // How diagnostics name the file: its display path, or "stdin".
  std::string label() const { return is_stdin() ? "stdin" : display; }
};

struct ReadLimits {
  std::uint64_t max_article_bytes = 16u << 20;  // a .txt file or one JSON line
};

// Which format a file name is in, if any: "a.txt", "b.jsonl", "c.jsonl.gz".
bool article_format_of(const std::string& filename, SourceFormat& format);

class CorpusReader {
 public:
  // Reading stops between two records once `*stop` is true (for a signal
  // handler to set); a read it interrupts is not reported as an error.
  CorpusReader(ReadLimits limits, DiagnosticSink& diagnostics, const std::atomic<bool>* stop = nullptr)
      : limits_(limits), diag_(diagnostics), stop_(stop) {}

  // Expands files and folders ("-" is standard input, read as JSON Lines).
  // Paths that do not exist, broken links and unreadable folders are
  // reported and left out. Each file appears once.
  std::vector<SourceFile> discover(const std::vector<std::string>& inputs);

  // Reads one file, calling `emit` for every article that parses, with the
  // bytes of the file consumed so far. Returns the number emitted; problems
  // are reported and the rest of the file is still read (unless stopped).
  using Emit = std::function<void(Article&&, std::uint64_t bytes_done)>;
  std::size_t read(const SourceFile& file, const Emit& emit);

 private:
  bool stopped() const { return stop_ != nullptr && stop_->load(); }

  ReadLimits limits_;
  DiagnosticSink& diag_;
  const std::atomic<bool>* stop_;
};

}  // namespace newsdex
