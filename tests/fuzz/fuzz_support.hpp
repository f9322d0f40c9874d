#pragma once
// What the fuzz targets share: a check that aborts (which libFuzzer reports
// as a crash, with the input that caused it) and the invariants every
// parsed article must keep, whatever the input.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "article/article.hpp"
#include "util/diagnostics.hpp"
#include "util/utf8.hpp"

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

namespace newsdex::fuzz {

// Valid UTF-8 without control characters other than tab and line ends.
inline bool clean_text(std::string text) {
  return !utf8::sanitize(text).changed();
}

inline bool one_line(const std::string& text) {
  return text.find_first_of("\r\n\t") == std::string::npos;
}

// An article any parser hands on: clean UTF-8 everywhere, one-line fields.
inline void check_article(const Article& a) {
  FUZZ_CHECK(!a.id.empty());
  for (const std::string* field : {&a.id, &a.title, &a.date, &a.url, &a.source, &a.body}) {
    FUZZ_CHECK(clean_text(*field));
  }
  for (const std::string* field : {&a.title, &a.url, &a.source}) FUZZ_CHECK(one_line(*field));
  FUZZ_CHECK(a.date.empty() || (a.date.size() == 10 && a.date[4] == '-' && a.date[7] == '-'));
}

// Diagnostics name the file and carry a message.
class CheckedDiagnostics : public DiagnosticSink {
 public:
  explicit CheckedDiagnostics(std::string file) : file_(std::move(file)) {}
  void report(Diagnostic d) override {
    FUZZ_CHECK(d.file == file_);
    FUZZ_CHECK(!d.message.empty());
    FUZZ_CHECK(clean_text(d.message));
    ++count;
  }
  std::size_t count = 0;

 private:
  std::string file_;
};

}  // namespace newsdex::fuzz
