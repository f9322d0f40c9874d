#include "search/snippet.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "util/possessive.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

// Private-use characters, which no news text has: ' and ’ of a possessive.
constexpr std::string_view kStraightMark = "\uE000";
constexpr std::string_view kCurlyMark = "\uE001";

bool word_byte(unsigned char c) {
  return std::isalnum(c) != 0 || c >= 0x80;
}

}  // namespace

std::string protect_possessives(std::string_view text) {
  if (text.find(kStraightMark) != std::string_view::npos || text.find(kCurlyMark) != std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t word_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const bool straight = text[i] == '\'';
    const bool curly = text.compare(i, 3, "\u2019") == 0;
    const std::size_t width = straight ? 1 : curly ? 3 : 0;
    if (width > 0 && i > word_start && i + width < text.size() && text[i + width] == 's' &&
        (i + width + 1 == text.size() || !word_byte(static_cast<unsigned char>(text[i + width + 1]))) &&
        !possessive_base(text.substr(word_start, i + width + 1 - word_start)).empty()) {
      out += straight ? kStraightMark : kCurlyMark;
      i += width;
      continue;
    }
    if (width == 0 && !word_byte(static_cast<unsigned char>(text[i]))) word_start = i + 1;
    out += text[i++];
  }
  return out;
}

PlainSnippet split_highlights(std::string_view in) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEntities = {
      {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}}};
  PlainSnippet out;
  out.text.reserve(in.size());
  std::size_t codepoints = 0;
  std::size_t open_at = 0;
  bool open = false;
  for (std::size_t i = 0; i < in.size();) {
    if (in.compare(i, kHighlightStart.size(), kHighlightStart) == 0) {
      open = true;
      open_at = codepoints;
      i += kHighlightStart.size();
      continue;
    }
    if (in.compare(i, kHighlightEnd.size(), kHighlightEnd) == 0) {
      if (open && codepoints > open_at) out.highlights.push_back({open_at, codepoints});
      open = false;
      i += kHighlightEnd.size();
      continue;
    }
    if (in[i] == '&') {
      bool replaced = false;
      for (const auto& [entity, plain] : kEntities) {
        if (in.compare(i, entity.size(), entity) == 0) {
          out.text += plain;
          ++codepoints;
          i += entity.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    const bool straight = in.compare(i, kStraightMark.size(), kStraightMark) == 0;
    if (straight || in.compare(i, kCurlyMark.size(), kCurlyMark) == 0) {
      out.text += straight ? "'" : "\u2019";
      i += kStraightMark.size();
      // "*Blair*'s" -> "*Blair's*": the word as written.
      if (!out.highlights.empty() && out.highlights.back().end == codepoints && i < in.size() && in[i] == 's') {
        out.highlights.back().end += 2;
      }
      ++codepoints;
      continue;
    }
    const char c = in[i++];
    // Fold paragraph breaks and runs of white space: a snippet is one line.
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.text.empty() && out.text.back() == ' ') continue;
      out.text += ' ';
      ++codepoints;
      continue;
    }
    out.text += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++codepoints;
  }
  return out;
}

namespace {

// Where each form stands in `text` as a whole word: [begin, end) byte
// ranges in order, the longest form winning where two overlap.
std::vector<std::pair<std::size_t, std::size_t>> mentions_of(std::string_view text,
                                                             const std::vector<std::string>& forms) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (const auto& form : forms) {
    if (form.empty()) continue;
    for (std::size_t at = text.find(form); at != std::string_view::npos; at = text.find(form, at + 1)) {
      const std::size_t end = at + form.size();
      const bool starts = at == 0 || !word_byte(static_cast<unsigned char>(text[at - 1]));
      const bool ends = end == text.size() || !word_byte(static_cast<unsigned char>(text[end]));
      if (starts && ends) found.emplace_back(at, end);
    }
  }
  // Longest first at each start, then drop what overlaps a kept one.
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; });
  std::vector<std::pair<std::size_t, std::size_t>> kept;
  for (const auto& m : found) {
    if (kept.empty() || m.first >= kept.back().second) kept.push_back(m);
  }
  return kept;
}

void escape_into(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

PlainSnippet mention_snippet(std::string_view text, const std::vector<std::string>& forms, std::size_t bytes) {
  const auto found = mentions_of(text, forms);
  std::size_t begin = 0;
  if (!found.empty() && text.size() > bytes) {
    // Start at the sentence of the first mention when it is near, else a
    // few words before the mention.
    const std::size_t first = found.front().first;
    const std::size_t reach = std::min(first, bytes / 3);
    const std::size_t sentence = text.substr(0, first).find_last_of(".!?\n");
    if (sentence != std::string_view::npos && first - sentence <= reach) {
      begin = sentence + 1;
    } else if (first > reach) {
      begin = text.find(' ', first - reach);
      begin = begin == std::string_view::npos || begin >= first ? first : begin + 1;
    }
    while (begin < first && text[begin] == ' ') ++begin;
  }
  const std::string_view rest = text.substr(begin);
  const std::string_view window = rest.size() <= bytes ? rest : utf8::cut_at_word(rest, bytes);
  std::string marked = begin > 0 ? "\u2026" : "";
  std::size_t at = begin;
  for (const auto& [b, e] : found) {
    if (b < begin) continue;
    if (e > begin + window.size()) break;
    escape_into(marked, text.substr(at, b - at));
    marked += kHighlightStart;
    escape_into(marked, text.substr(b, e - b));
    marked += kHighlightEnd;
    at = e;
  }
  escape_into(marked, text.substr(at, begin + window.size() - at));
  if (begin + window.size() < text.size()) marked += "\u2026";
  return split_highlights(marked);
}

}  // namespace newsdex
