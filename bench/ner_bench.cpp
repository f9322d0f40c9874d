// Entity extraction speed on real news (Google Benchmark):
//   build/ner_bench [--benchmark_filter=...]
// Reads the Reuters-21578 articles from ../shared/data (skips when absent), then times
// tokenization, tagging, the whole entities stage of their raw text on one core, and
// loading the model.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "article/article_parser.hpp"
#include "entities/ner_extractor.hpp"
#include "ner/model.hpp"
#include "ner/tagger.hpp"
#include "ner/tokenizer.hpp"
#include "util/diagnostics.hpp"
#include "util/line_reader.hpp"

namespace {

namespace fs = std::filesystem;
using namespace newsdex;

const fs::path kReuters = fs::path(NEWSDEX_SHARED_DIR) / "data/corpora/reuters21578/reuters21578.jsonl.gz";

struct Corpus {
  std::vector<Article> articles;
  std::size_t tokens = 0;
  std::size_t bytes = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    if (!fs::exists(kReuters)) return out;
    CollectingDiagnostics diag;
    ArticleParser parser(diag);
    LineReader in(kReuters.string(), 64U << 20);
    for (LineReader::Line l; in.next(l);) {
      if (auto a = parser.parse_json_line(std::string(l.text), kReuters.string(), l.number)) {
        out.tokens += ner::tokenize(a->title).tokens.size() + ner::tokenize(a->body).tokens.size();
        out.bytes += a->title.size() + a->body.size();
        out.articles.push_back(std::move(*a));
      }
    }
    return out;
  }();
  return c;
}

bool require_corpus(benchmark::State& state) {
  if (!corpus().articles.empty()) return true;
  state.SkipWithError(("Reuters corpus not found at " + kReuters.string() + " (../shared absent): skipped").c_str());
  return false;
}

void set_rates(benchmark::State& state) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(corpus().tokens) * iterations, benchmark::Counter::kIsRate);
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(corpus().bytes) * iterations / 1e6, benchmark::Counter::kIsRate);
  state.counters["tokens"] = static_cast<double>(corpus().tokens);
}

// Tokenization alone, title and body of every article.
void BM_Tokenize(benchmark::State& state) {
  if (!require_corpus(state)) return;
  for (auto _ : state) {
    std::size_t n = 0;
    for (const Article& a : corpus().articles)
      n += ner::tokenize(a.title).tokens.size() + ner::tokenize(a.body).tokens.size();
    benchmark::DoNotOptimize(n);
  }
  set_rates(state);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// What the indexer pays per article: tokenize + features + decode, raw text in, mentions out.
void BM_ExtractEntities(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const ner::Model model = ner::Model::load(ner::default_model_path());
  ner::Tagger tagger(model);
  for (auto _ : state) {
    std::size_t mentions = 0;
    for (const Article& a : corpus().articles) {
      const std::string_view texts[] = {a.title, a.body};
      mentions += tagger.find(texts).size();
    }
    benchmark::DoNotOptimize(mentions);
  }
  set_rates(state);
}
BENCHMARK(BM_ExtractEntities)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The whole entities stage the indexer runs per article: the tagger, then
// the article's entities (canonical.cpp) with the model's name tables.
void BM_ArticleEntities(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const ner::Model model = ner::Model::load(ner::default_model_path());
  NerEntityExtractor extractor(model);
  for (auto _ : state) {
    std::size_t entities = 0;
    for (const Article& a : corpus().articles) entities += extractor.extract(a).size();
    benchmark::DoNotOptimize(entities);
  }
  set_rates(state);
}
BENCHMARK(BM_ArticleEntities)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LoadModel(benchmark::State& state) {
  const fs::path path = ner::default_model_path();
  for (auto _ : state) {
    const ner::Model model = ner::Model::load(path);
    benchmark::DoNotOptimize(model.features());
  }
  state.counters["model_MB"] = static_cast<double>(fs::file_size(path)) / 1e6;
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
