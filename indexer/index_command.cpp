#include "indexer/index_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <optional>
#include <thread>

#include "entities/ner_extractor.hpp"
#include "index/pipeline.hpp"
#include "ner/model.hpp"
#include "render/progress_bar.hpp"
#include "render/render.hpp"
#include "util/errors.hpp"

namespace newsdex {
namespace {

// Warnings of one kind printed before the rest are only counted (--verbose: all).
constexpr std::size_t kWarningsShown = 3;

// SIGINT (Ctrl-C) and SIGTERM ask the pipeline to stop between two
// articles; it commits what it read and run() exits 128 + the signal. The
// handlers are one-shot (SA_RESETHAND): a second signal kills at once, which
// is safe too, since the database only ever holds whole commits. No
// SA_RESTART, so a read blocked on a pipe returns at once.
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "signal handlers may only touch lock-free atomics");
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void request_stop(int signal) {
  g_signal.store(signal);
  g_stop.store(true);
}

class StopOnSignals {
 public:
  StopOnSignals() {
    struct sigaction action {};
    action.sa_handler = request_stop;
    action.sa_flags = static_cast<int>(SA_RESETHAND);
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopOnSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace

void IndexOptions::add_to(CLI::App& app) {
  app.footer(
      "Exit codes: 0 every article indexed; 1 some input skipped (see the messages); 2 usage or database error, "
      "or bad input with --strict (nothing committed); 130/143 stopped by SIGINT/SIGTERM (what was read is "
      "committed: run again to finish).");
  db.add_to(app);
  app.add_option(
      "PATH", inputs,
      "Articles to index: .txt, .jsonl, .jsonl.gz files, folders (walked recursively), - for JSON Lines on stdin");
  app.add_flag("--json", json, "Print the summary as JSON");
  app.add_flag("--prune", prune, "Remove articles whose file is gone (or that vanished from a changed file)");
  app.add_flag("--force", force, "Re-read every file, even those unchanged since the last run");
  app.add_flag("--rebuild", rebuild,
               "Index every article the database stores again, as this version does (brings a database of an older "
               "schema up to date; the source files are not needed; a stopped run goes on where it stopped)");
  app.add_flag("--strict", strict, "Any bad input is fatal: commit nothing, exit 2 (every problem is still reported)");
  app.add_flag("--no-spelling", no_spelling, "Do not build spelling data (no \"did you mean\")");
  app.add_flag("--no-entities", no_entities,
               "Full-text search only: no people, places and organizations (no facets, no person:/place:/org:)");
  app.add_option("--model", model, "Entity model (default: ner.model beside the tool, or $NEWSDEX_NER_MODEL)")
      ->type_name("FILE");
  app.add_option("--aliases", aliases,
                 "Entity names to merge, keep apart or drop: TSV rows type<TAB>canonical name<TAB>alias, "
                 "or type<TAB>name<TAB>- (kept until another file is given)")
      ->type_name("FILE");
  threads.threads = std::max(1u, std::thread::hardware_concurrency());
  threads.add_to(app, "Threads extracting entities and analysing text (default: the number of cores)");
  app.add_option("--shards", shards,
                 "Write a new database as N shards in parallel (one folder, searched as one); an existing "
                 "database keeps its count")
      ->check(CLI::Range(1u, 64u))
      ->type_name("N");
  app.add_option("--compact", compact,
                 "Rewrite the database compactly at the end (about half the size): auto (when this run created it), "
                 "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "No progress bar");
  app.add_flag("-v,--verbose", verbose,
               "Print every warning (by default a warning that many articles have, such as a missing date, is "
               "printed for the first " +
                   std::to_string(kWarningsShown) + ", then counted)");
  app.add_option("--commit-every", commit_every, "Commit after this many articles")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-article-bytes", max_article_bytes, "Skip .txt files and JSON lines larger than this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

IndexRequest IndexOptions::request() const {
  if (inputs.empty() && !rebuild) {
    throw UsageError("no PATH given: name the articles to index (files, folders, - for stdin), or use --rebuild");
  }
  IndexRequest request;
  request.rebuild = rebuild;
  request.database = db.path;
  request.inputs = inputs;
  request.prune = prune;
  request.force = force;
  request.strict = strict;
  request.writer.commit_every = commit_every;
  request.writer.spelling = !no_spelling;
  request.writer.threads = threads.threads;
  request.writer.shards = shards;
  request.compact = compact == "always"  ? IndexRequest::Compact::always
                    : compact == "never" ? IndexRequest::Compact::never
                                         : IndexRequest::Compact::automatic;
  request.limits.max_article_bytes = max_article_bytes;
  request.aliases_file = aliases;
  return request;
}

int run(const IndexOptions& options) {
  IndexRequest request = options.request();
  request.stop = &g_stop;
  // The model is loaded before anything is read: a missing model is a usage
  // error, not something to find after indexing half an archive.
  std::optional<ner::Model> model;
  std::optional<NerEntityExtractor> extractor;
  if (!options.no_entities) {
    try {
      model.emplace(
          ner::Model::load(options.model.empty() ? ner::default_model_path() : std::filesystem::path(options.model)));
      extractor.emplace(*model);
    } catch (const InputError& e) {
      throw UsageError(std::string(e.what()) + " (or index with --no-entities)");
    }
    request.extractor = &*extractor;
  }

  StreamDiagnostics printed(std::cerr);
  SummarizingDiagnostics summarized(printed, options.verbose ? SIZE_MAX : kWarningsShown);
  ProgressBar bar(std::cerr);
  ProgressFn progress;
  if (!options.quiet && isatty(STDERR_FILENO) != 0) {
    progress = [&bar](const IndexProgress& p) { bar.update(p); };
    printed.set_interrupt_hook([&bar] { bar.clear(); });
  }

  IndexStats stats;
  try {
    const StopOnSignals stop_on_signals;
    stats = index_corpus(request, summarized, progress);
  } catch (...) {
    bar.clear();  // the error message gets a line of its own
    summarized.finish();
    throw;
  }
  bar.clear();
  summarized.finish();
  if (options.json) {
    std::cout << json_line(index_stats_json(stats)) << '\n';
  } else {
    std::cout << index_stats_text(stats) << '\n';
  }
  if (stats.interrupted) {
    const int signal = g_signal.load();
    std::cout.flush();
    std::cerr << "newsdex-index: interrupted by " << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << "; "
              << (options.strict ? "--strict: nothing of this run was committed"
                                 : "the articles read so far are committed")
              << "; run the same command again to finish\n";
    return 128 + signal;
  }
  return stats.errors > 0 ? 1 : 0;
}

}  // namespace newsdex
