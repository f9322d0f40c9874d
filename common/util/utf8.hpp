#pragma once
// UTF-8 hygiene for everything we read: the index and the JSON we print must
// only ever see valid UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::utf8 {

struct SanitizeReport {
  std::size_t invalid = 0;     // invalid byte sequences replaced by U+FFFD
  std::size_t controls = 0;    // control characters (NUL, ESC...) replaced by a space
  std::size_t first_line = 0;  // 1-based line of the first replacement; 0 if none
  bool changed() const { return invalid + controls > 0; }
};

// Replaces invalid sequences (stray bytes, overlongs, surrogates, truncated
// characters) with U+FFFD and control characters other than \t \n \r with a
// space, in place. Example: "caf\xE9" -> "caf\uFFFD", report.invalid == 1.
SanitizeReport sanitize(std::string& text);

// ASCII letters lower-cased, every other byte (UTF-8 included) kept:
// ascii_lower("Date:") == "date:".
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);  // ascii_upper("ec") == "EC"

// Number of code points in valid UTF-8 text: length("Zürich") == 6.
std::size_t length(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that ends at a word
// boundary (or at a character boundary when one word is longer than that).
// Example: cut_at_word("Talks resume in Cairo", 14) == "Talks resume".
std::string_view cut_at_word(std::string_view text, std::size_t max_bytes);

// Whether a word is letters only: ASCII letters, apostrophes and any
// non-ASCII character but the currency signs £ ¥ €. A word a reader may
// have misspelt, or cased differently from the archive.
// letters_only("Zürich") and letters_only("O'Neill") are true;
// letters_only("G7"), letters_only("U.S.") and letters_only("£35bn") are false.
bool letters_only(std::string_view word);

}  // namespace newsdex::utf8
