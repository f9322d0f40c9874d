// libFuzzer target: the query front end. The input is one batch line (a
// query, or a JSON object with "q", "limit", "sort"...): parse_batch_line,
// normalize (syntax check, cuts and caps) and a search on a tiny database,
// made once. Only newsdex's own errors may come out. Also: cutting a valid
// query at a word keeps it valid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "fuzz_support.hpp"
#include "index/index_writer.hpp"
#include "search/query_syntax.hpp"
#include "search/search_request.hpp"
#include "search/searcher.hpp"

namespace {

std::filesystem::path g_dir;
std::unique_ptr<newsdex::Searcher> g_searcher;

newsdex::Article article(const char* id, const char* date, const char* title, const char* body) {
  newsdex::Article a;
  a.id = id;
  a.date = date;
  a.title = title;
  a.body = body;
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace newsdex;
  char pattern[] = "/tmp/newsdex-fuzz-query-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) std::abort();
  g_dir = pattern;
  {
    IndexWriter w((g_dir / "db").string(), {});
    w.write(article("gaza.txt", "2021-05-21", "Ceasefire holds in Gaza",
                    "The ceasefire between Israel and Hamas held on Friday, Egypt said. Talks follow in Cairo."),
            {});
    w.write(article("minsk.txt", "2015-02-12", "Minsk talks", "Leaders agreed on a ceasefire in eastern Ukraine."), {});
    w.write(article("cocoa.txt", "1987-02-26", "BAHIA COCOA REVIEW", "Showers continued in the Bahia cocoa zone."), {});
    w.write(article("caf\xC3\xA9.txt", "", "Caf\xC3\xA9 society", "Z\xC3\xBCrich caf\xC3\xA9s reopened."), {});
    w.commit();
  }
  g_searcher = std::make_unique<Searcher>((g_dir / "db").string());
  std::atexit([] {
    g_searcher.reset();
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  const std::string line(reinterpret_cast<const char*>(data), size);

  // Cutting: a valid query cut at a space stays valid.
  std::string query = line;
  utf8::sanitize(query);
  bool valid = true;
  try {
    check_query_syntax(query);
  } catch (const QueryError&) {
    valid = false;
  }
  constexpr std::size_t kMax = 48;
  std::string cut = query;
  if (bound_query_length(cut, kMax)) {
    std::size_t opened = 0;
    for (const char c : cut) opened += c == '(' ? 1 : 0;
    FUZZ_CHECK(cut.size() <= kMax + 1 + opened);
    const std::size_t space = query.rfind(' ', kMax);
    if (valid && space != std::string::npos && space > 0) {
      try {
        check_query_syntax(cut);
      } catch (const QueryError& e) {
        std::fprintf(stderr, "cut '%s' of a valid query: %s\n", cut.c_str(), e.what());
        FUZZ_CHECK(false);
      }
    }
  }
  for (const auto& w : wildcard_words(query)) FUZZ_CHECK(!w.start.empty() && w.word.back() == '*');

  // The whole front end, as a batch line, and a search.
  BatchItem item = parse_batch_line(line, 1, {});
  if (!item.error.empty()) return 0;
  try {
    const Results results = g_searcher->search(item.request);
    FUZZ_CHECK(results.hits.size() <= results.limit);
    FUZZ_CHECK(fuzz::clean_text(results.query));
    for (const auto& hit : results.hits) {
      FUZZ_CHECK(fuzz::clean_text(hit.snippet));
      const std::size_t length = utf8::length(hit.snippet);
      for (const auto& h : hit.highlights) FUZZ_CHECK(h.start < h.end && h.end <= length);
    }
  } catch (const Error&) {
    // QueryError, UsageError: the message is the answer
  }
  return 0;
}
