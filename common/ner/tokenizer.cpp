#include "ner/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <utility>

#include "util/utf8.hpp"

namespace newsdex::ner {

namespace {

// One decoded code point and its byte length (invalid bytes count as one letter-like unit,
// so hostile input still tokenizes).
struct CodePoint {
  char32_t value = 0;
  std::uint32_t size = 1;
};

CodePoint decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t need = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
  if (need == 1 || i + need > s.size()) return {0xFFFD, 1};
  char32_t v = b0 & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < need; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    v = (v << 6) | (b & 0x3F);
  }
  return {v, static_cast<std::uint32_t>(need)};
}

enum class Kind { space, newline, word, punct };

bool is_space_cp(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_punct_cp(char32_t c) {
  if (c < 0x80) {
    return !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c > ' ';
  }
  return (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || c == 0xAB || c == 0xBB || c == 0xA1 ||
         c == 0xBF || c == 0xA7 || c == 0xB6 || c == 0xB7 || c == 0xA9 || c == 0xAE || c == 0xB0 ||
         (c >= 0x3000 && c <= 0x303F) || c == 0xFFFD || (c >= 0x20A0 && c <= 0x20CF) || c == 0xA3 || c == 0xA5 ||
         c == 0xA2;
}

Kind kind_of(char32_t c) {
  if (c == '\n') return Kind::newline;
  if (is_space_cp(c)) return Kind::space;
  if (is_punct_cp(c)) return Kind::punct;
  return Kind::word;
}

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018;
}
bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_upper_ascii(char32_t c) {
  return c >= 'A' && c <= 'Z';
}

// U+2018 or U+2019 (3 bytes) at w[k]: the curly apostrophes news text uses.
bool curly_apostrophe_at(std::string_view w, std::size_t k) {
  return k + 2 < w.size() && static_cast<unsigned char>(w[k]) == 0xE2 && static_cast<unsigned char>(w[k + 1]) == 0x80 &&
         (static_cast<unsigned char>(w[k + 2]) == 0x99 || static_cast<unsigned char>(w[k + 2]) == 0x98);
}

// Words that keep their final period; compared case-sensitively after stripping it.
constexpr std::array<std::string_view, 61> kAbbreviations = {
    "Mr",  "Mrs", "Ms",   "Dr",   "Prof", "Gen", "Sen",  "Rep",  "Gov",  "Lt",     "Col", "Capt", "Sgt",
    "Cpl", "Maj", "Adm",  "Cmdr", "Rev",  "St",  "Jr",   "Sr",   "Inc",  "Corp",   "Ltd", "Co",   "Bros",
    "vs",  "Jan", "Feb",  "Mar",  "Apr",  "Jun", "Jul",  "Aug",  "Sep",  "Sept",   "Oct", "Nov",  "Dec",
    "No",  "Nos", "Mt",   "Ave",  "Blvd", "Ft",  "Pres", "Sens", "Reps", "Messrs", "Mme", "Mlle", "approx",
    "etc", "est", "Dept", "Univ", "Assn", "Hon", "Supt", "Fig",  "Pty"};

bool is_abbreviation(std::string_view word) {
  if (word.size() == 1 && is_upper_ascii(static_cast<unsigned char>(word[0]))) return true;  // initial "J."
  if (word.find('.') != std::string_view::npos) {
    // "U.S", "a.m", "Ph.D": short letter groups only, so "3.5." at a sentence end loses its period.
    std::size_t group = 0;
    for (const char c : word) {
      if (c == '.') {
        group = 0;
      } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || ++group > 3) {
        return false;
      }
    }
    return true;
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// Title-like abbreviations never end a sentence ("Mr. Blinken"); others may ("... in the U.S.").
bool never_ends_sentence(std::string_view token) {
  static constexpr std::array<std::string_view, 16> kTitles = {"Mr.",  "Mrs.", "Ms.",  "Dr.", "Prof.", "Gen.",
                                                               "Sen.", "Rep.", "Gov.", "Lt.", "Col.",  "Capt.",
                                                               "St.",  "Rev.", "No.",  "Adm."};
  if (token.size() == 2 && is_upper_ascii(static_cast<unsigned char>(token[0]))) return true;  // "J."
  return std::find(kTitles.begin(), kTitles.end(), token) != kTitles.end();
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : s_(text) {}

  TokenizedText run() {
    std::size_t i = 0;
    int newlines = 0;
    while (i < s_.size()) {
      const CodePoint cp = decode(s_, i);
      switch (kind_of(cp.value)) {
        case Kind::newline:
          if (++newlines == 2) paragraph_break();
          i += cp.size;
          break;
        case Kind::space:
          i += cp.size;
          break;
        case Kind::word:
          newlines = 0;
          i = word(i);
          break;
        case Kind::punct:
          newlines = 0;
          i = punct(i, cp);
          break;
      }
    }
    close_sentence();
    return std::move(out_);
  }

 private:
  // Scans letters and digits with inner joiners from i; returns where the word stops.
  std::size_t scan(std::size_t i, std::size_t& apostrophes, bool& curly) const {
    while (i < s_.size()) {
      const CodePoint cp = decode(s_, i);
      const Kind k = kind_of(cp.value);
      if (k == Kind::word) {
        i += cp.size;
        continue;
      }
      if (k != Kind::punct || i + cp.size >= s_.size()) break;
      const CodePoint next = decode(s_, i + cp.size);
      if (kind_of(next.value) != Kind::word) break;
      const CodePoint prev = decode(s_, previous(i));
      const char32_t c = cp.value;
      bool join = false;
      if (c == '-' || c == 0x2010 || c == 0x2011 || c == '.' || c == '/') {
        join = true;  // al-Hayya, U.S, 3.5, 1996/97
      } else if (c == ',' || c == ':') {
        join = is_digit(prev.value) && is_digit(next.value);  // 1,200 10:30
      } else if (c == '&') {
        join = is_upper_ascii(prev.value) && is_upper_ascii(next.value);  // AT&T S&P
      } else if (is_apostrophe(c)) {
        join = true;  // O'Brien, don't, Blinken's: clitics split below
        ++apostrophes;
        curly = curly || c != '\'';
      }
      if (!join) break;
      i += cp.size + next.size;
    }
    return i;
  }

  // A word from i: letters and digits with inner joiners; returns the end.
  std::size_t word(std::size_t start) {
    std::size_t apostrophes = 0;
    bool curly = false;
    std::size_t end = scan(start, apostrophes, curly);
    // An abbreviation keeps its final period: "Mr." "U.S." "J."
    while (end < s_.size() && s_[end] == '.' && is_abbreviation(s_.substr(start, end - start)) &&
           !(end + 1 < s_.size() && s_[end + 1] == '.') && keeps_period(s_.substr(start, end - start), end + 1)) {
      ++end;
      // "U.S.-led", "Wash.-based": a hyphen after the abbreviation continues the word.
      if (end + 1 >= s_.size() || s_[end] != '-' || kind_of(decode(s_, end + 1).value) != Kind::word) break;
      end = scan(end + 1, apostrophes, curly);
    }
    if (apostrophes > 0) {
      split_clitic(start, end, curly);
    } else {
      add(start, end);
    }
    return end;
  }

  // "No. 1" but "said no." : number abbreviations keep their period only before a number.
  bool keeps_period(std::string_view word, std::size_t after) const {
    if (word != "No" && word != "Nos" && word != "no") return true;
    while (after < s_.size() && s_[after] == ' ') ++after;
    return after < s_.size() && s_[after] >= '0' && s_[after] <= '9';
  }

  std::size_t previous(std::size_t i) const {
    std::size_t p = i - 1;
    while (p > 0 && (static_cast<unsigned char>(s_[p]) & 0xC0) == 0x80) --p;
    return p;
  }

  // "Blinken's" -> "Blinken" "'s"; "don't" -> "do" "n't"; "O'Brien" stays whole.
  void split_clitic(std::size_t start, std::size_t end, bool curly) {
    const std::string_view w = s_.substr(start, end - start);
    static constexpr std::array<std::string_view, 6> kClitics = {"s", "re", "ve", "ll", "d", "m"};
    // Find the last apostrophe (ASCII or U+2019/U+2018, 3 bytes).
    std::size_t apos = std::string_view::npos;
    std::size_t apos_len = 1;
    for (std::size_t k = w.size(); k-- > 0;) {
      if (w[k] == '\'') {
        apos = k;
        apos_len = 1;
        break;
      }
      if (curly_apostrophe_at(w, k)) {
        apos = k;
        apos_len = 3;
        break;
      }
    }
    if (apos != std::string_view::npos && apos > 0) {
      const std::string tail(w.substr(apos + apos_len));
      const std::string lower = utf8::ascii_lower(tail);
      if (lower == "t" && apos >= 2 && (w[apos - 1] == 'n' || w[apos - 1] == 'N')) {
        add(start, start + apos - 1);                                                     // "do"
        add_normalized(start + apos - 1, end, std::string(1, w[apos - 1]) + "'" + tail);  // "n't"
        return;
      }
      if (std::find(kClitics.begin(), kClitics.end(), lower) != kClitics.end()) {
        add_normalized(start, start + apos, normalize_quotes(w.substr(0, apos)), curly);
        add_normalized(start + apos, end, "'" + tail);
        return;
      }
    }
    add_normalized(start, end, normalize_quotes(w), curly);
  }

  static std::string normalize_quotes(std::string_view w) {
    std::string out;
    out.reserve(w.size());
    for (std::size_t k = 0; k < w.size(); ++k) {
      if (curly_apostrophe_at(w, k)) {
        out += '\'';
        k += 2;
      } else {
        out += w[k];
      }
    }
    return out;
  }

  std::size_t punct(std::size_t start, CodePoint cp) {
    std::size_t end = start + cp.size;
    const char32_t c = cp.value;
    if (c == '-' || c == '.' || c == '!' || c == '?' || c == '=' || c == '*' || c == '_') {
      while (end < s_.size() && static_cast<char32_t>(s_[end]) == c) ++end;  // "--", "...", "!!"
    }
    // Typographic punctuation in the ASCII form the training data uses.
    static constexpr std::pair<char32_t, std::string_view> kAscii[] = {
        {0x2018, "'"}, {0x2019, "'"}, {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0xAB, "\""},
        {0xBB, "\""},  {0x2013, "-"}, {0x2014, "--"}, {0x2015, "--"}, {0x2026, "..."}};
    const auto* ascii = std::find_if(std::begin(kAscii), std::end(kAscii), [c](const auto& e) { return e.first == c; });
    if (ascii != std::end(kAscii)) {
      add_normalized(start, end, std::string(ascii->second));
    } else {
      add(start, end);
    }
    if (c == '.' || c == '!' || c == '?' || c == 0x2026) pending_end_ = true;
    return end;
  }

  void add(std::size_t begin, std::size_t end) { push(s_.substr(begin, end - begin), begin, end); }

  void add_normalized(std::size_t begin, std::size_t end, std::string form, bool differs = true) {
    if (!differs || form == s_.substr(begin, end - begin)) {
      add(begin, end);
      return;
    }
    out_.storage.push_back(std::move(form));
    push(out_.storage.back(), begin, end);
  }

  void push(std::string_view text, std::size_t begin, std::size_t end) {
    // A sentence ends after . ! ? (and closing quotes/brackets) before a capital, a digit
    // or an opening quote.
    if (pending_weak_end_ && !is_closer(text)) {
      // "... sanctions by the U.S. The move": an abbreviation ends a sentence only before
      // a word that typically starts one.
      if (is_sentence_opener(text)) close_sentence();
      pending_weak_end_ = false;
    }
    if (pending_end_ && !is_closer(text)) {
      const auto first = static_cast<unsigned char>(text[0]);
      const bool starts_new = (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') || first >= 0x80 ||
                              text == "\"" || text == "'" || text == "(";
      if (starts_new) close_sentence();
      pending_end_ = false;
    }
    out_.tokens.push_back(Token{text, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
    if (text.size() > 1 && text.back() == '.' && !never_ends_sentence(text)) pending_weak_end_ = true;
  }

  static bool is_sentence_opener(std::string_view t) {
    static constexpr std::array<std::string_view, 24> kOpeners = {
        "The", "He",  "She", "It", "In", "But", "A",     "They",    "We",    "This", "That",  "His",
        "Her", "Its", "An",  "On", "At", "I",   "There", "However", "After", "Some", "Their", "Our"};
    return std::find(kOpeners.begin(), kOpeners.end(), t) != kOpeners.end();
  }

  static bool is_closer(std::string_view t) { return t == "\"" || t == "'" || t == ")" || t == "]"; }

  void paragraph_break() {
    close_sentence();
    pending_end_ = false;
    pending_weak_end_ = false;
  }

  void close_sentence() {
    const auto n = static_cast<std::uint32_t>(out_.tokens.size());
    if (n > sentence_begin_) out_.sentences.push_back(Sentence{sentence_begin_, n});
    sentence_begin_ = n;
  }

  std::string_view s_;
  TokenizedText out_;
  std::uint32_t sentence_begin_ = 0;
  bool pending_end_ = false;
  bool pending_weak_end_ = false;
};

}  // namespace

TokenizedText tokenize(std::string_view text) {
  return Tokenizer(text).run();
}

}  // namespace newsdex::ner
