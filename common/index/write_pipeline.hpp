#pragma once
// The threads between IndexWriter::write() and the shards: analysis
// workers (entity extraction, free text, spelling words) take jobs in any
// order, and one writer thread per shard writes its shard's jobs in the
// order they were pushed, each once analysed.
//   WritePipeline p(2, &extractor, true, shards.size(), [&](Job& j) { ... write j.doc ... });
//   p.push(job);   // returns at once; blocks only when far behind
//   p.drain();     // every pushed job written; rethrows the first error
// The pipeline owns its lock (the queues, the count in flight, the first
// error); `finish` runs on a shard's writer thread and locks what it touches.
#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "article/article.hpp"
#include "entities/entity_extractor.hpp"
#include "index/document_builder.hpp"

namespace newsdex {

// One article on its way: decided by write(), analysed by a worker (entity
// extraction, free text), written by its shard's writer.
struct Job {
  Article article;
  std::string hash;
  bool entities_given = false;
  std::vector<NamedEntity> entities;  // given, or the extractor's
  std::size_t shard = 0;
  Xapian::docid replace = 0;  // in the shard; 0: a new article
  Xapian::Document doc;
  std::exception_ptr error;
  bool ready = false;  // analysed; guarded by the pipeline's lock
};

class WritePipeline {
 public:
  // Writes a job into its shard, on that shard's writer thread. A
  // Xapian::Error it throws becomes a DatabaseError naming the article.
  using Finish = std::function<void(Job&)>;

  // Starts `threads` workers, each with its own clone of `extractor` (none:
  // no entities; one that cannot be cloned runs as given, on one worker),
  // and one writer per shard. `spelling`: workers gather spelling words.
  WritePipeline(unsigned threads, EntityExtractor* extractor, bool spelling, std::size_t shards, Finish finish);
  ~WritePipeline();  // stop()
  WritePipeline(const WritePipeline&) = delete;
  WritePipeline& operator=(const WritePipeline&) = delete;

  // Queues a job (its `shard` set) for analysis and writing. Waits while
  // 16 jobs per thread are in flight, so that the reader cannot run ahead.
  void push(std::shared_ptr<Job> job);
  // Waits until every pushed job is written; rethrows the first error of a
  // worker or writer since the last drain() or rethrow_failure().
  void drain();
  void rethrow_failure();
  // Moves the spelling words the workers gathered into `into` (adding
  // counts); only while drained. clear_spelling() drops them.
  void take_spelling(SpellingCounts& into);
  void clear_spelling();
  // Finishes the queued jobs and joins every thread. Idempotent.
  void stop();

 private:
  struct Worker;
  struct ShardQueue;
  void analyse(Worker& w);
  void write_out(ShardQueue& q);

  EntityExtractor* extractor_;
  bool spelling_;
  Finish finish_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<ShardQueue>> queues_;

  std::mutex m_;  // everything below (jobs take about a millisecond each)
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> analysis_;
  std::size_t in_flight_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;  // the first error of a background thread
};

}  // namespace newsdex
