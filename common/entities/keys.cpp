#include "entities/keys.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

// Case folding, accents stripped and typographic punctuation as ASCII
// (curly quotes, dashes): "Sinn Féin’s" -> "sinn fein's".
std::string folded(std::string_view name) {
  // Most names are ASCII: lower-cased here, without utf8proc's allocations.
  if (std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return utf8::ascii_lower(name);
  }
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_LUMP);
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                          static_cast<utf8proc_ssize_t>(name.size()), &out, options);
  if (n < 0) return utf8::ascii_lower(name);  // invalid UTF-8 (sanitised input never is)
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return {reinterpret_cast<const char*>(out), static_cast<std::size_t>(n)};
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string entity_key(std::string_view name) {
  const std::string f = folded(name);
  std::string out;
  out.reserve(f.size());
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  std::size_t run = 0;  // word characters since the last other character
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (is_word_char(c)) {
      out += c;
      ++run;
      continue;
    }
    const std::size_t before = run;
    run = 0;
    if (c == '.') {
      // "U.S." and "J.P." lose their dots ("us", "jp"); "St.Louis" is two words.
      if (before >= 2 && i + 1 < f.size() && is_word_char(f[i + 1])) space();
    } else if (c == '\'') {
      // A possessive at the end of a word goes ("Blair's" -> "blair");
      // apostrophes inside names stay ("o'neill").
      if (i + 1 < f.size() && f[i + 1] == 's' && (i + 2 == f.size() || !is_word_char(f[i + 2]))) {
        ++i;
      } else if (i + 1 < f.size() && is_word_char(f[i + 1]) && !out.empty() && out.back() != ' ') {
        out += c;
      }
    } else if (c == '&') {
      space();
      out += "and ";
    } else {
      space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // Every leading "the" ("The The Hague" as mistyped): a key is its own key.
  while (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

std::string canonical_key(EntityType type, std::string_view key) {
  std::string k(key);
  if (type != EntityType::org) return k;
  const std::size_t space = k.rfind(' ');
  if (space == std::string::npos) return k;  // "Times" is not "Time"
  const std::string_view last = std::string_view(k).substr(space + 1);
  if (last.size() >= 4 && last.back() == 's') {
    const char before = last[last.size() - 2];
    if (before != 's' && before != 'u' && before != 'i' && before != '\'') k.pop_back();
  }
  return k;
}

std::string initials(std::string_view name, bool hyphen_parts) {
  static const std::array<std::string_view, 9> kSkipped{"of", "for", "and", "the", "in", "on", "de", "du", "&"};
  std::string out;
  for (const auto word : split(name, ' ')) {
    if (word.empty() || std::find(kSkipped.begin(), kSkipped.end(), utf8::ascii_lower(word)) != kSkipped.end()) {
      continue;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (i > 0 && !(hyphen_parts && word[i - 1] == '-')) continue;
      const char c = word[i];
      out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
  }
  return out;
}

bool is_acronym(std::string_view name) {
  return name.size() >= 2 && name.size() <= 6 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_plural_acronym(std::string_view w) {
  if (w.size() < 3 || w.size() > 7 || w.back() != 's') return false;
  return std::all_of(w.begin(), w.end() - 1, [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace newsdex
