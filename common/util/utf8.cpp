#include "util/utf8.hpp"

namespace newsdex::utf8 {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
// Follows RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return 0;
    const auto b = static_cast<unsigned char>(s[i + k]);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
  }
  return need + 1;
}

bool is_bad_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

}  // namespace

SanitizeReport sanitize(std::string& text) {
  SanitizeReport report;
  // Fast path: most news text is clean, so only copy when something changes.
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || is_bad_control(c)) break;
  }
  if (i == text.size()) return report;

  std::string out;
  out.reserve(text.size() + 16);
  out.append(text, 0, i);
  std::size_t line = 1;
  for (std::size_t k = 0; k < i; ++k) {
    if (text[k] == '\n') ++line;
  }
  auto note = [&] {
    if (report.first_line == 0) report.first_line = line;
  };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') ++line;
    if (c < 0x80) {
      if (is_bad_control(c)) {
        ++report.controls;
        note();
        out += ' ';
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t n = valid_sequence(text, i);
    if (n == 0) {
      ++report.invalid;
      note();
      out += kReplacement;
      ++i;  // resynchronise on the next byte
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  text.swap(out);
  return report;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::size_t length(std::string_view text) {
  std::size_t n = 0;
  for (const char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string_view cut_at_word(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Never split a multi-byte character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::size_t space = text.rfind(' ', end);
  if (space != std::string_view::npos && space > 0) end = space;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',' || text[end - 1] == ';' || text[end - 1] == ':' ||
                     text[end - 1] == '-')) {
    --end;
  }
  return text.substr(0, end);
}

bool letters_only(std::string_view word) {
  if (word.empty()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) {
      // Currency signs are symbols, not letters: £ ¥ (C2 A3, C2 A5), € (E2 82 AC).
      if (c == 0xC2 && i + 1 < word.size() &&
          (static_cast<unsigned char>(word[i + 1]) == 0xA3 || static_cast<unsigned char>(word[i + 1]) == 0xA5))
        return false;
      if (c == 0xE2 && word.substr(i, 3) == "\xE2\x82\xAC") return false;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'')) return false;
  }
  return true;
}

}  // namespace newsdex::utf8
