#include "util/json_text.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace newsdex {

std::size_t json_depth(std::string_view s) {
  std::size_t depth = 0, max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

std::string json_error_text(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    if (const auto p = what.find("] "); p != std::string_view::npos) what.remove_prefix(p + 2);
  }
  std::string text(what);
  // We parse one line at a time: its "line 1" only confuses next to FILE:LINE.
  if (const auto p = text.find("at line 1, column "); p != std::string::npos) text.replace(p, 18, "at column ");
  // Its "last read: '...'" quotes the input byte by byte, and can end inside
  // a character (found by fuzz_jsonl): our messages are always valid UTF-8.
  utf8::sanitize(text);
  return text;
}

}  // namespace newsdex
