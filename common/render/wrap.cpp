#include "render/wrap.hpp"

#include "util/split.hpp"

namespace newsdex {

std::size_t visible_width(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
      // CSI: parameters up to the final byte (a letter).
      i += 2;
      while (i < text.size() && !((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z'))) ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80) ++n;  // not a continuation byte
  }
  return n;
}

namespace {

// The words of `text` between spaces (runs of spaces are one break).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for (const std::string_view word : split(text, ' ')) {
    if (!word.empty()) words.emplace_back(word);
  }
  return words;
}

}  // namespace

std::string wrap_units(std::string_view lead, const std::vector<std::string>& units, std::string_view separator,
                       std::size_t width, std::size_t indent) {
  // The pieces to lay out, each with what goes before it on the same line:
  // the separator between units, a space between the words of a unit too
  // wide for any line ("Organization for Security and Co-operation in
  // Europe 2" on a narrow terminal).
  std::vector<std::pair<std::string_view, std::string>> pieces;
  for (const std::string& unit : units) {
    const bool too_wide = width > indent && visible_width(unit) > width - indent;
    if (!too_wide) {
      pieces.emplace_back(separator, unit);
      continue;
    }
    bool first = true;
    for (std::string& word : words_of(unit)) {
      pieces.emplace_back(first ? separator : std::string_view(" "), std::move(word));
      first = false;
    }
  }
  std::string out(lead);
  std::size_t column = visible_width(lead);
  std::size_t on_line = 0;  // pieces on the current line
  // A break may come right after a lead with words in it ("Orgs (2):").
  bool breakable = lead.find_first_not_of(' ') != std::string_view::npos;
  for (const auto& [before, piece] : pieces) {
    const std::size_t w = visible_width(piece), gap = on_line > 0 ? visible_width(before) : 0;
    if ((on_line > 0 || breakable) && width > 0 && column + gap + w > width) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '\n';  // the line break stands for the separator
      out.append(indent, ' ');
      column = indent;
      on_line = 0;
      breakable = false;
    }
    if (on_line > 0) {
      out += before;
      column += visible_width(before);
    }
    out += piece;
    column += w;
    ++on_line;
  }
  return out;
}

std::string wrap_words(std::string_view lead, std::string_view text, std::size_t width, std::size_t indent) {
  // A line that fits stays as it is, white space and all.
  if (width == 0 || visible_width(lead) + visible_width(text) <= width) return std::string(lead).append(text);
  const std::vector<std::string> words = words_of(text);
  return wrap_units(lead, words, " ", width, indent);
}

}  // namespace newsdex
