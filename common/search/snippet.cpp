#include "search/snippet.hpp"

#include <array>
#include <utility>

namespace newsdex {

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

}  // namespace newsdex
