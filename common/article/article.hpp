#pragma once
// One news article as every stage after parsing sees it: clean UTF-8 fields.
#include <cstddef>
#include <string>

namespace newsdex {

struct Article {
  std::string id;        // unique within the archive: "world/gaza-talks.txt", "reuters21578-00017"
  std::string title;     // given, or derived from the first sentence
  std::string date;      // "YYYY-MM-DD", or empty when unknown
  std::string url;       // optional
  std::string source;    // optional: "Reuters"
  std::string body;      // paragraphs separated by blank lines
  std::string path;      // absolute path of the file it came from; empty for stdin
  std::size_t line = 0;  // line in a JSON Lines file; 0 for a .txt article
};

}  // namespace newsdex
