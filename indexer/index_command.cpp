#include "indexer/index_command.hpp"

#include <unistd.h>

#include <iostream>

#include "index/pipeline.hpp"
#include "render/progress_bar.hpp"
#include "render/render.hpp"

namespace newsdex {

void IndexOptions::add_to(CLI::App& app) {
  db.add_to(app);
  app.add_option(
         "PATH", inputs,
         "Articles to index: .txt, .jsonl, .jsonl.gz files, folders (walked recursively), - for JSON Lines on stdin")
      ->required();
  app.add_flag("--json", json, "Print the summary as JSON");
  app.add_flag("--prune", prune, "Remove articles whose file is gone (or that vanished from a changed file)");
  app.add_flag("--force", force, "Re-read every file, even those unchanged since the last run");
  app.add_flag("--strict", strict,
               "Any bad input is fatal: commit nothing, exit 2 (every problem is still reported)");
  app.add_flag("--no-spelling", no_spelling, "Do not build spelling data (no \"did you mean\")");
  app.add_flag("-q,--quiet", quiet, "No progress bar");
  app.add_option("--commit-every", commit_every, "Commit after this many articles")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-article-bytes", max_article_bytes, "Skip .txt files and JSON lines larger than this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

int run(const IndexOptions& options) {
  IndexRequest request;
  request.database = options.db.path;
  request.inputs = options.inputs;
  request.prune = options.prune;
  request.force = options.force;
  request.strict = options.strict;
  request.writer.commit_every = options.commit_every;
  request.writer.spelling = !options.no_spelling;
  request.limits.max_article_bytes = options.max_article_bytes;

  StreamDiagnostics diagnostics(std::cerr);
  ProgressBar bar(std::cerr);
  ProgressFn progress;
  if (!options.quiet && isatty(STDERR_FILENO) != 0) {
    progress = [&bar](const IndexProgress& p) { bar.update(p); };
    diagnostics.set_interrupt_hook([&bar] { bar.clear(); });
  }

  IndexStats stats;
  try {
    stats = index_corpus(request, diagnostics, progress);
  } catch (...) {
    bar.clear();  // the error message gets a line of its own
    throw;
  }
  bar.clear();
  if (options.json) {
    std::cout << json_line(index_stats_json(stats)) << '\n';
  } else {
    std::cout << index_stats_text(stats) << '\n';
  }
  return stats.errors > 0 ? 1 : 0;
}

}  // namespace newsdex
