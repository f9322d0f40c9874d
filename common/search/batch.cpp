#include "search/batch.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "search/searcher.hpp"
#include "util/errors.hpp"

namespace newsdex {

void run_batch(const Databases& databases, const std::vector<std::string>& lines, const SearchRequest& defaults,
               unsigned threads, const std::function<void(const BatchAnswer&)>& emit) {
  const std::size_t n = lines.size();
  std::vector<BatchAnswer> answers(n);
  std::vector<char> done(n, 0);
  std::mutex mutex;
  std::condition_variable cv;
  std::atomic<std::size_t> next{0};
  std::exception_ptr fatal;

  // Open the searchers up front so that a bad database fails before any output.
  const unsigned workers =
      std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (unsigned i = 0; i < workers; ++i) searchers.push_back(std::make_unique<Searcher>(databases));

  auto work = [&](Searcher& searcher) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      BatchAnswer a;
      a.line = i + 1;
      a.id_json = std::to_string(a.line);
      try {
        BatchItem item = parse_batch_line(lines[i], a.line, defaults);
        a.id_json = item.id_json;
        a.query = item.request.query;
        a.error = item.error;
        if (a.error.empty()) a.results = searcher.search(std::move(item.request));
      } catch (const Error& e) {
        a.error = e.what();
      } catch (const std::exception& e) {
        a.error = std::string("internal error: ") + e.what();
      } catch (...) {  // an exception escaping a worker thread would end the process
        a.error = "internal error: unknown exception";
      }
      const std::lock_guard lock(mutex);
      answers[i] = std::move(a);
      done[i] = 1;
      cv.notify_one();
    }
  };

  std::vector<std::thread> pool;
  for (unsigned i = 0; i < workers; ++i) pool.emplace_back(work, std::ref(*searchers[i]));
  try {
    for (std::size_t i = 0; i < n; ++i) {
      std::unique_lock lock(mutex);
      cv.wait(lock, [&] { return done[i] != 0; });
      BatchAnswer a = std::move(answers[i]);
      lock.unlock();
      emit(a);
    }
  } catch (...) {
    fatal = std::current_exception();
    next = n;  // stop the workers
  }
  for (auto& t : pool) t.join();
  if (fatal) std::rethrow_exception(fatal);
}

}  // namespace newsdex
