#include "index/write_pipeline.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "index/store_errors.hpp"
#include "util/errors.hpp"

namespace newsdex {

struct WritePipeline::Worker {
  DocumentBuilder builder;
  std::unique_ptr<EntityExtractor> own;  // a clone, or none when sharing is impossible
  SpellingCounts spelling;               // words since the last take_spelling()
  std::thread thread;
};

struct WritePipeline::ShardQueue {
  std::deque<std::shared_ptr<Job>> jobs;  // in push() order; guarded by m_
  std::thread thread;
};

WritePipeline::WritePipeline(unsigned threads, EntityExtractor* extractor, bool spelling, std::size_t shards,
                             Finish finish)
    : extractor_(extractor), spelling_(spelling), finish_(std::move(finish)) {
  const unsigned n = std::max(1u, threads);
  std::unique_ptr<EntityExtractor> first = extractor != nullptr ? extractor->clone() : nullptr;
  // An extractor that cannot be cloned is used as given, on one thread.
  const unsigned count = extractor != nullptr && first == nullptr ? 1 : n;
  for (unsigned i = 0; i < count; ++i) {
    auto w = std::make_unique<Worker>();
    if (i == 0) {
      w->own = std::move(first);
    } else if (extractor != nullptr) {
      w->own = extractor->clone();
    }
    workers_.push_back(std::move(w));
  }
  for (std::size_t s = 0; s < shards; ++s) queues_.push_back(std::make_unique<ShardQueue>());
  for (auto& w : workers_) w->thread = std::thread([this, w = w.get()] { analyse(*w); });
  for (auto& q : queues_) q->thread = std::thread([this, q = q.get()] { write_out(*q); });
}

WritePipeline::~WritePipeline() {
  stop();
}

void WritePipeline::stop() {
  {
    const std::lock_guard lock(m_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
  for (auto& q : queues_) {
    if (q->thread.joinable()) q->thread.join();
  }
}

void WritePipeline::push(std::shared_ptr<Job> job) {
  {
    const std::size_t max_in_flight = 16 * (workers_.size() + queues_.size());
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return in_flight_ < max_in_flight; });
    ++in_flight_;
    queues_[job->shard]->jobs.push_back(job);
    analysis_.push_back(std::move(job));
  }
  cv_.notify_all();
}

void WritePipeline::drain() {
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return in_flight_ == 0; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void WritePipeline::rethrow_failure() {
  const std::lock_guard lock(m_);
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void WritePipeline::take_spelling(SpellingCounts& into) {
  for (auto& w : workers_) {
    for (const auto& [word, count] : w->spelling) into[word] += count;
    w->spelling.clear();
  }
}

void WritePipeline::clear_spelling() {
  for (auto& w : workers_) w->spelling.clear();
}

// A worker: entities and free text, on any thread.
void WritePipeline::analyse(Worker& w) {
  EntityExtractor* extract = w.own ? w.own.get() : extractor_;
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [&] { return stopping_ || !analysis_.empty(); });
      if (analysis_.empty()) return;
      job = std::move(analysis_.front());
      analysis_.pop_front();
    }
    try {
      if (!job->entities_given && extract != nullptr) job->entities = extract->extract(job->article);
      job->doc = w.builder.build_text(job->article, job->hash);
      if (spelling_) DocumentBuilder::count_spelling(job->doc, w.spelling);
    } catch (...) {
      job->error = std::current_exception();
    }
    {
      const std::lock_guard lock(m_);
      job->ready = true;
    }
    cv_.notify_all();
  }
}

// A shard's writer: its jobs in push() order, each once analysed.
void WritePipeline::write_out(ShardQueue& q) {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [&] { return (stopping_ && q.jobs.empty()) || (!q.jobs.empty() && q.jobs.front()->ready); });
      if (q.jobs.empty()) return;
      job = std::move(q.jobs.front());
      q.jobs.pop_front();
    }
    if (!job->error) {
      try {
        finish_(*job);
      } catch (const Xapian::Error& e) {
        job->error = std::make_exception_ptr(
            DatabaseError("cannot write article '" + job->article.id + "' (" + e.get_description() + ")" +
                          full_disk_hint(e)));
      } catch (...) {
        job->error = std::current_exception();
      }
    }
    {
      const std::lock_guard lock(m_);
      if (job->error && !failure_) failure_ = job->error;
      --in_flight_;
    }
    cv_.notify_all();
  }
}

}  // namespace newsdex
