// libFuzzer target: the JSON Lines reader, end to end (LineReader, gzip,
// CorpusReader, ArticleParser::parse_json_line). The first byte chooses how
// the rest arrives: as a .jsonl file, as a .jsonl.gz file (gzip or not), or
// on standard input (read as it comes, gzip inflated on the way). Lines are
// capped at 512 bytes so that over-long lines are common.
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "article/corpus_reader.hpp"
#include "fuzz_support.hpp"

namespace {

std::filesystem::path g_dir;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char pattern[] = "/tmp/newsdex-fuzz-jsonl-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) std::abort();
  g_dir = pattern;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  if (size == 0) return 0;
  const int mode = data[0] % 3;
  const std::string name = mode == 1 ? "feed.jsonl.gz" : "feed.jsonl";
  const std::filesystem::path path = g_dir / name;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  SourceFile file{path.string(), path.string(), name, SourceFormat::jsonl, size - 1, 0};
  int saved_stdin = -1;
  if (mode == 2) {  // standard input: the same bytes through a stream
    file = {"-", "", "", SourceFormat::jsonl, 0, 0};
    saved_stdin = ::dup(STDIN_FILENO);
    const int fd = ::open(path.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }

  fuzz::CheckedDiagnostics diag(file.label());
  CorpusReader reader({.max_article_bytes = 512}, diag);
  std::size_t last_line = 0, emitted = 0;
  const std::size_t count = reader.read(file, [&](Article&& a, std::uint64_t) {
    fuzz::check_article(a);
    FUZZ_CHECK(a.line > last_line);  // one article per line, in order
    last_line = a.line;
    FUZZ_CHECK(a.path == file.canonical);
    ++emitted;
  });
  FUZZ_CHECK(count == emitted);

  if (saved_stdin >= 0) {
    ::dup2(saved_stdin, STDIN_FILENO);
    ::close(saved_stdin);
  }
  return 0;
}
