// libFuzzer target: a .txt article (ArticleParser::parse_text) from any bytes.
// Every result must be a clean article; nothing may throw.
#include <cstddef>
#include <cstdint>

#include "article/article_parser.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  fuzz::CheckedDiagnostics diag("in/story.txt");
  ArticleParser parser(diag);
  const auto article =
      parser.parse_text(std::string(reinterpret_cast<const char*>(data), size), "story.txt", "in/story.txt");
  if (article) {
    fuzz::check_article(*article);
    FUZZ_CHECK(article->id == "story.txt");
    FUZZ_CHECK(!article->title.empty() || !article->body.empty());
  } else {
    FUZZ_CHECK(diag.count > 0);  // nothing is dropped without a word
  }
  return 0;
}
