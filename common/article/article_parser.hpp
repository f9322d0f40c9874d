#pragma once
// Turns raw bytes into Articles: the .txt format of the sample article (with
// an optional header block) and one line of JSON Lines. Bad input becomes a
// diagnostic naming file and line; it never throws on content.
#include <optional>
#include <string>
#include <string_view>

#include "article/article.hpp"
#include "util/diagnostics.hpp"

namespace newsdex {

class ArticleParser {
 public:
  explicit ArticleParser(DiagnosticSink& diagnostics) : diag_(diagnostics) {}

  // A .txt article: optional leading white space, then either
  //   " date 2021-05-21 As Israel ..."  (date and first paragraph on one line), or
  //   "date 2021-05-21\ntitle Talks resume\nurl https://...\nsource Wire\n\nBody..."
  // `file` names the file in diagnostics. Returns nullopt when nothing can be indexed.
  std::optional<Article> parse_text(std::string text, std::string id, const std::string& file);

  // One JSON Lines record: {"id","date","title","body","url","source"}; other
  // fields are ignored. A record without "id" gets "FILE:LINE". Blank lines
  // give nullopt silently.
  std::optional<Article> parse_json_line(std::string line, const std::string& file, std::size_t line_no);

  // A title from the first sentence of `body`, at most about 120 bytes, cut
  // at a word boundary. derive_title("Talks resumed. More...") == "Talks resumed"
  static std::string derive_title(std::string_view body);

 private:
  DiagnosticSink& diag_;
};

}  // namespace newsdex
