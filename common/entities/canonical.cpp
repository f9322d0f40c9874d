#include "entities/canonical.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "entities/keys.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kMaxNameBytes = 100;  // longer "names" are run-on tagging errors
constexpr std::size_t kMaxNameWords = 10;
constexpr std::size_t kMaxTitleWords = 5;  // "Deputy Assistant Secretary of State"

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum(char c) {
  return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9');
}
char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t from = 0, std::size_t to = std::string::npos) {
  std::string out;
  for (std::size_t i = from; i < std::min(to, words.size()); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// Curly quotes and apostrophes as ASCII, any run of white space as one space.
std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    // U+2018, U+2019 (E2 80 98/99) and U+201C, U+201D (E2 80 9C/9D).
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80') {
      const char third = text[i + 2];
      if (third == '\x98' || third == '\x99' || third == '\x9C' || third == '\x9D') {
        out += third == '\x98' || third == '\x99' ? '\'' : '"';
        i += 3;
        continue;
      }
    }
    ++i;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The words around a mention, read once: the last few before it (as
// written and in lower case) and the first few after it (lower case).
struct Context {
  std::vector<std::string> before, before_lower, after_lower;
  Context(std::string_view before_text, std::string_view after_text) {
    before = split_words(normalize_text(before_text));
    if (before.size() > kMaxTitleWords) before.erase(before.begin(), before.end() - kMaxTitleWords);
    for (const auto& w : before) before_lower.push_back(utf8::ascii_lower(w));
    after_lower = split_words(
        utf8::ascii_lower(normalize_text(after_text.substr(0, std::min<std::size_t>(after_text.size(), 24)))));
  }
  // The last word before, lower-cased ("" when none).
  std::string_view last_before(std::size_t from_end = 0) const {
    return before_lower.size() > from_end ? std::string_view(before_lower[before_lower.size() - 1 - from_end]) : "";
  }
  std::string_view first_after() const { return after_lower.empty() ? "" : std::string_view(after_lower.front()); }
};

// "Inc." keeps its dot, a sentence's full stop goes: a trailing dot stays
// after an abbreviation (a dot inside, as in "U.S.", or a short capitalised word).
bool keeps_final_dot(std::string_view name) {
  std::string_view last = name.substr(0, name.size() - 1);
  if (const auto space = last.rfind(' '); space != std::string_view::npos) last.remove_prefix(space + 1);
  return last.find('.') != std::string_view::npos || (last.size() <= 3 && !last.empty() && is_upper(last[0]));
}

// Punctuation around the name ("(Hamas)", "@SecBlinken", "Gaza,") and a
// possessive ("Blinken's", "Reuters'") removed.
std::string strip_around(std::string name) {
  auto strippable = [](char c) { return static_cast<unsigned char>(c) < 0x80 && !is_alnum(c); };
  for (bool changed = true; changed && !name.empty();) {
    changed = false;
    std::size_t first = 0;
    while (first < name.size() && strippable(name[first])) ++first;
    if (first > 0) {
      name.erase(0, first);
      changed = true;
    }
    if (name.size() > 2 && name.compare(name.size() - 2, 2, "'s") == 0) {
      name.resize(name.size() - 2);
      changed = true;
    }
    while (!name.empty() && strippable(name.back()) && !(name.back() == '.' && keeps_final_dot(name))) {
      name.pop_back();
      changed = true;
    }
  }
  return name;
}

// Written in capitals, as headlines and some wires do: no lower-case letter
// and more than an acronym's worth of capitals.
bool shouted(std::string_view name) {
  std::size_t letters = 0;
  for (const char c : name) {
    if (is_lower(c)) return false;
    if (is_upper(c)) ++letters;
  }
  return letters >= 4 && (letters >= 5 || name.find(' ') != std::string_view::npos);
}

// "AL-HAYYA" -> "Al-Hayya", "O'NEILL" -> "O'Neill".
std::string capitalized(std::string_view word) {
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    // After an apostrophe only a longer part starts a capital: O'Neill, but not "'s".
    out += start ? to_upper(c) : to_lower(c);
    start = c == '-' || (c == '\'' && word.size() - i > 2);
  }
  return out;
}

// Capitals cased as a name ("BANK OF ENGLAND" -> "Bank of England"), but
// in places and organisations a word without a vowel or of two letters
// stays an acronym ("BBC NEWS" -> "BBC News", "UN AGENCY" -> "UN Agency").
std::string cased(std::string_view name, EntityType type) {
  static const std::array<std::string_view, 14> kSmall{"of", "the", "and", "for", "de", "del", "la",
                                                       "le", "von", "van", "du",  "in", "on",  "at"};
  auto acronym = [&](const std::string& lower) {
    if (type == EntityType::person) return false;
    return lower.size() <= 2 || lower.find_first_of("aeiouy") == std::string::npos;
  };
  const auto words = split_words(name);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string lower = utf8::ascii_lower(words[i]);
    if (i > 0 && type != EntityType::person && std::find(kSmall.begin(), kSmall.end(), lower) != kSmall.end()) {
      out.push_back(lower);
    } else if (acronym(lower)) {
      out.push_back(words[i]);
    } else {
      out.push_back(capitalized(words[i]));
    }
  }
  return join(out);
}

// Company forms that are not part of the name people search for.
bool legal_suffix(std::string_view word) {
  static const std::array<std::string_view, 21> kSuffixes{"inc", "corp", "co",   "cos", "ltd",          "plc", "llc",
                                                          "lp",  "llp",  "ag",   "sa",  "nv",           "bv",  "ab",
                                                          "asa", "spa",  "gmbh", "pty", "incorporated", "kk",  "se"};
  std::string k = NameTables::key(word);
  while (!k.empty() && (k.back() == ',' || k.back() == ')')) k.pop_back();
  return std::find(kSuffixes.begin(), kSuffixes.end(), k) != kSuffixes.end();
}

// The number of leading words that form a title ("Secretary of State Antony
// Blinken" -> 3), longest first; never all of them.
std::size_t leading_title(const std::vector<std::string>& words, const NameTables& t) {
  for (std::size_t n = std::min(kMaxTitleWords, words.size() - 1); n > 0; --n) {
    if (t.is_title(join(words, 0, n))) return n;
  }
  return 0;
}

// The title `before` ends with ("... said US Secretary of State " ->
// "Secretary of State"), longest first; "" when none.
std::string title_before(const Context& c, const NameTables& t) {
  const auto& words = c.before;
  for (std::size_t n = std::min(kMaxTitleWords, words.size()); n >= 1; --n) {
    const std::string title = join(words, words.size() - n);
    if (t.is_title(title)) return title;
  }
  return {};
}

// "Minister of Foreign Affairs", "Secretary of the Treasury": the
// organisation after these is a portfolio, part of a title.
bool after_portfolio_title(const Context& c) {
  auto words = c.before_lower;
  if (!words.empty() && words.back() == "the") words.pop_back();
  if (words.size() < 2 || words.back() != "of") return false;
  const std::string& w = words[words.size() - 2];
  return w == "minister" || w == "ministers" || w == "secretary" || w == "secretaries";
}

bool has_letter(std::string_view name) {
  return std::any_of(name.begin(), name.end(),
                     [](char c) { return is_lower(c) || is_upper(c) || static_cast<unsigned char>(c) >= 0x80; });
}

bool is_demonym(std::string_view name, const NameTables& t) {
  if (t.demonym_country(name) != nullptr) return true;
  // Plurals: "Israelis", "Britons" is not derivable, but most are.
  return name.size() > 1 && name.back() == 's' && t.demonym_country(name.substr(0, name.size() - 1)) != nullptr;
}

// "Middle Eastern", "Southern": adjectives, not places.
bool directional_adjective(const std::vector<std::string>& words) {
  const std::string last = utf8::ascii_lower(words.back());
  return last == "eastern" || last == "western" || last == "northern" || last == "southern";
}

// The country a prefix names, as a country name or a nationality: "US", "British".
const std::string* country_of_prefix(std::string_view words, const NameTables& t) {
  if (const auto* c = t.country(words)) return c;
  return t.demonym_country(words);
}

// "BBC (British" -> "BBC", "Cup)" -> "Cup": a bracket the name does not close is not part of it.
std::string without_unbalanced_brackets(std::string name) {
  // "International Paper Co <IP>": a ticker is no part of the name.
  if (const auto ticker = name.find(" <"); ticker != std::string::npos) name.resize(ticker);
  const auto open = name.find('(');
  const auto close = name.find(')');
  if (open != std::string::npos && (close == std::string::npos || close < open)) name.resize(open);
  if (close != std::string::npos && (open == std::string::npos || close < open)) name.erase(0, close + 1);
  return strip_around(name);
}

// "5.45m euros", "£35bn", "$1.2 trillion", "20 percent": amounts are not names.
bool is_amount(const std::vector<std::string>& words) {
  static const std::array<std::string_view, 22> kUnits{
      "euro",  "euros",  "dollar", "dollars", "pound", "pounds",  "pence",   "yen",     "yuan",     "rupees", "francs",
      "marks", "tonnes", "tons",   "barrels", "pct",   "percent", "million", "billion", "trillion", "mln",    "bln"};
  const std::string& first = words.front();
  const auto b0 = static_cast<unsigned char>(first[0]);
  // A currency sign first: $, £ (C2 A3), € (E2 82 AC), ¥ (C2 A5).
  if (b0 == '$' || first.rfind("\u00A3", 0) == 0 || first.rfind("\u20AC", 0) == 0 || first.rfind("\u00A5", 0) == 0) {
    return true;
  }
  if (b0 < '0' || b0 > '9') return false;
  // A number with a magnitude ("5.45m", "35bn", "10%"), or a number and a unit.
  std::size_t i = 0;
  while (i < first.size() && ((first[i] >= '0' && first[i] <= '9') || first[i] == '.' || first[i] == ',')) ++i;
  const std::string rest = first.substr(i);  // "5.45m", "35bn"; but "3M" is a company
  if (rest == "m" || rest == "bn" || rest == "k" || rest == "%" || rest == "p" || rest == "tn") return true;
  if ((rest.empty() || rest == "M" || rest == "BN") && words.size() > 1) {
    const std::string unit = utf8::ascii_lower(words[1]);
    return std::find(kUnits.begin(), kUnits.end(), unit) != kUnits.end();
  }
  return false;
}

// "BRFD.L", "WMNG.S": an exchange's code for a share, not a name.
bool is_instrument_code(std::string_view w) {
  const auto dot = w.find('.');
  if (dot == std::string_view::npos || dot < 2 || dot > 6 || w.size() - dot - 1 < 1 || w.size() - dot - 1 > 2) {
    return false;
  }
  return std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(dot),
                     [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::all_of(w.begin() + static_cast<std::ptrdiff_t>(dot) + 1, w.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

// "union", "party": a word with no capital and no digit (but "al-Hayya" has one).
bool all_lower(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z'); });
}

bool government_noun(std::string_view word) {
  const std::string w = utf8::ascii_lower(word);
  return w == "administration" || w == "government" || w == "cabinet" || w == "camp" || w == "adminstration";
}

bool all_digits(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "No. 1", "No 3": a rank ("the world No. 1"), not a name. A row of the
// name tables still makes one a name ("No 10" is Downing Street).
bool is_rank(const std::vector<std::string>& words) {
  if (words.size() != 2) return false;
  const std::string no = utf8::ascii_lower(words[0]);
  return (no == "no" || no == "no." || no == "nos" || no == "nos.") && all_digits(words[1]);
}

// "the film Ray", "BBC One drama Bleak House", "the show Big Brother": a
// work's noun just before it.
bool work_noun_before(const Context& c) {
  static const std::array<std::string_view, 32> kNouns{
      "film",     "films",   "movie",  "movies",  "biopic",    "documentary", "album",     "albums",
      "novel",    "novels",  "memoir", "musical", "opera",     "sitcom",      "drama",     "soap",
      "console",  "handset", "song",   "songs",   "singles",   "tracks",      "programme", "blockbuster",
      "thriller", "comedy",  "series", "sang",    "performed", "starred",     "books",     "comedies"};
  static const std::array<std::string_view, 21> kPhrases{
      "the show",   "tv show",       "hit show",   "chat show",    "game show", "talk show",  "reality show",
      "the single", "new single",    "hit single", "debut single", "the play",  "new play",   "the game",
      "video game", "computer game", "the book",   "new book",     "the track", "starred in", "star in"};
  const std::string_view last = c.last_before();
  if (last.empty()) return false;
  if (std::find(kNouns.begin(), kNouns.end(), last) != kNouns.end()) return true;
  const std::string two = std::string(c.last_before(1)) + " " + std::string(last);
  return c.before_lower.size() >= 2 && std::find(kPhrases.begin(), kPhrases.end(), two) != kPhrases.end();
}

// "Newsnight programme", "the Xbox console": a work's or product's noun just after it.
bool work_noun_after(const Context& c) {
  static const std::array<std::string_view, 12> kNouns{"programme", "programmes", "show",     "album",
                                                       "sitcom",    "console",    "consoles", "handset",
                                                       "handsets",  "soap",       "movie",    "franchise"};
  return std::find(kNouns.begin(), kNouns.end(), c.first_after()) != kNouns.end();
}

// "'Ray'", "“Ray”": a name alone between quotes is a title.
bool quoted(std::string_view before, std::string_view after) {
  const auto ends_with = [](std::string_view s, std::string_view q) {
    return s.size() >= q.size() && s.substr(s.size() - q.size()) == q;
  };
  const auto starts_with = [](std::string_view s, std::string_view q) { return s.substr(0, q.size()) == q; };
  for (const auto& [open, close] : std::array<std::pair<std::string_view, std::string_view>, 3>{
           {{"\"", "\""}, {"\u201C", "\u201D"}, {"\u2018", "\u2019"}}}) {
    if (ends_with(before, open) && starts_with(after, close)) return true;
  }
  return ends_with(before, " '") && starts_with(after, "'") && !starts_with(after, "'s");
}

// English words that start a sentence and that a tagger sometimes takes
// into the name after them: "For New Line Cinema", "Former Pop Idol".
bool leading_function_word(std::string_view word) {
  static const std::array<std::string_view, 26> kWords{
      "for",  "former", "ex",   "after", "before",  "in",        "at",   "on",      "with",
      "from", "by",     "as",   "under", "against", "like",      "of",   "to",      "and",
      "but",  "while",  "when", "then",  "if",      "meanwhile", "also", "although"};
  const std::string w = utf8::ascii_lower(word);
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool directional_word(std::string_view word) {
  const std::string w = utf8::ascii_lower(word);
  return w == "east" || w == "west" || w == "north" || w == "south" || w == "central";
}

enum class Head { none, place, other };

// What a name's last word makes it, whatever the tagger said: venues and
// streets are places, events, awards and laws are not entities. Only for
// names of two words or more; a person-like name is retyped by fewer words
// ("Nick Park", "Damon Hill" are people).
Head head_of(const std::vector<std::string>& words, MentionType type) {
  static const std::array<std::string_view, 42> kPlaces{
      "stadium",     "arena",     "theatre", "theater", "ballroom", "auditorium", "palace", "courthouse", "mansion",
      "observatory", "plaza",     "square",  "street",  "road",     "lane",       "avenue", "boulevard",  "garden",
      "gardens",     "park",      "stand",   "stage",   "column",   "bridge",     "tower",  "cathedral",  "abbey",
      "castle",      "chapel",    "airport", "station", "canal",    "valley",     "island", "islands",    "bay",
      "lake",        "mountains", "desert",  "coast",   "room",     "stadion"};
  static const std::array<std::string_view, 21> kPersonPlaces{
      "stadium",    "arena",   "theatre",     "theater", "ballroom", "auditorium", "palace",
      "courthouse", "mansion", "observatory", "plaza",   "square",   "street",     "road",
      "lane",       "avenue",  "boulevard",   "garden",  "gardens",  "airport",    "room"};
  static const std::array<std::string_view, 33> kOther{
      "summit",       "treaty",        "agreement",  "accord",   "act",        "award", "awards",
      "prize",        "medal",         "festival",   "olympics", "games",      "cup",   "trophy",
      "championship", "championships", "tournament", "marathon", "prix",       "open",  "series",
      "election",     "elections",     "war",        "protocol", "convention", "plan",  "doctrine",
      "index",        "bowl",          "week",       "olympiad", "paralympics"};
  if (words.size() < 2) return Head::none;
  const std::string last = utf8::ascii_lower(words.back());
  const auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), last) != list.end(); };
  if (type == MentionType::person) {
    if (in(kPersonPlaces)) return Head::place;
    return last == "summit" || last == "treaty" || last == "awards" || last == "festival" || last == "prize"
               ? Head::other
               : Head::none;
  }
  if (in(kOther)) return Head::other;
  if (in(kPlaces)) return Head::place;
  return Head::none;
}

// "the band Coldplay", "Premier League side Wolves": an organisation's noun before it.
bool org_noun_before(const Context& c) {
  static const std::array<std::string_view, 14> kNouns{"band",    "bands",   "group",  "rockers", "duo",
                                                       "trio",    "quartet", "outfit", "label",   "firm",
                                                       "company", "side",    "club",   "retailer"};
  return std::find(kNouns.begin(), kNouns.end(), c.last_before()) != kNouns.end();
}

// "Coldplay frontman Chris Martin", "Taylor Wimpey shares": an organisation's noun after it.
bool org_noun_after(const Context& c) {
  static const std::array<std::string_view, 12> kNouns{"frontman", "frontwoman", "guitarist",    "drummer",
                                                       "bassist",  "shares",     "plc",          "subsidiary",
                                                       "boss",     "bosses",     "shareholders", "chief"};
  return std::find(kNouns.begin(), kNouns.end(), c.first_after()) != kNouns.end();
}

}  // namespace

bool abbreviates(std::string_view acronym, std::string_view name) {
  static const std::array<std::string_view, 10> kSmall{"of", "for", "and", "the", "in", "on", "de", "du", "&", "des"};
  std::vector<std::string> words;
  std::vector<bool> continuation;  // a hyphenated word's later part: may give no letter
  for (const auto& w : split_words(name)) {
    // "Co-operation" gives "Co" and "operation", either may count.
    bool first = true;
    for (const auto part : split(w, '-')) {
      if (part.empty()) continue;
      words.emplace_back(part);
      continuation.push_back(!first);
      first = false;
    }
  }
  if (acronym.size() < 2 || words.size() < 2) return false;
  // Letters of `acronym` from position a, words from position w: each word
  // either gives one to three letters of its start, or is a small word and
  // may give none (a hyphen's second part may give none too).
  std::vector<std::vector<int>> memo(acronym.size() + 1, std::vector<int>(words.size() + 1, -1));
  const auto match = [&](auto&& self, std::size_t a, std::size_t w) -> bool {
    if (w == words.size()) return a == acronym.size();
    int& m = memo[a][w];
    if (m >= 0) return m != 0;
    bool ok = false;
    const std::string& word = words[w];
    const std::string lower = utf8::ascii_lower(word);
    if (continuation[w] || std::find(kSmall.begin(), kSmall.end(), lower) != kSmall.end()) ok = self(self, a, w + 1);
    for (std::size_t n = 1; !ok && n <= std::min<std::size_t>(3, word.size()) && a + n <= acronym.size(); ++n) {
      if (to_upper(word[n - 1]) != to_upper(acronym[a + n - 1])) break;
      ok = self(self, a + n, w + 1);
    }
    m = ok ? 1 : 0;
    return ok;
  };
  return match(match, 0, 0);
}

std::optional<CleanName> clean_mention(MentionType given_type, std::string_view text, std::string_view before,
                                       std::string_view after, const NameTables& t) {
  MentionType type = given_type;
  CleanName out;
  std::string name = without_unbalanced_brackets(strip_around(normalize_text(text)));
  if (name.empty() || name.size() > kMaxNameBytes || !has_letter(name)) return std::nullopt;
  auto words = split_words(name);
  if (words.size() > kMaxNameWords || is_amount(words)) return std::nullopt;
  if (is_plural_acronym(name)) return std::nullopt;                        // "MPs", "PCs": common nouns
  if (words.size() == 1 && is_instrument_code(name)) return std::nullopt;  // "BRFD.L": a quote code
  if (is_rank(words) && t.knowledge().find(entity_key(name)) == nullptr) return std::nullopt;
  // "United Automobile Workers union", "Labour party": trailing common words;
  // "Reagan Administration", "Kohl Government": a leader's name, then his government's noun.
  while (words.size() > 1 && all_lower(words.back())) words.pop_back();
  if (type == MentionType::person && words.size() > 1 && government_noun(words.back())) words.pop_back();
  // A sentence's first word is no part of a name: "For New Line Cinema".
  while (words.size() > 1 && leading_function_word(words[0])) words.erase(words.begin());
  name = join(words);
  if (t.is_title(name)) return std::nullopt;  // "FM", "President": a title alone names no one
  // What the last word says: a street or a venue is a place ("Rose Garden",
  // "King Power Stadium"), an event, an award or a law none of the three
  // ("Climate Action Summit", "Lisbon Treaty").
  switch (head_of(words, type)) {
    case Head::place:
      type = MentionType::place;
      break;
    case Head::other:
      type = MentionType::other;
      break;
    case Head::none:
      break;
  }
  // "Mr Cable", "Sir Alex Ferguson", "N Lynch": a person, whatever the tagger said.
  if (type != MentionType::person && words.size() >= 2 && t.is_honorific(words[0])) type = MentionType::person;
  if (type != MentionType::person && words.size() == 2 && words[0].size() <= 2 && is_upper(words[0][0]) &&
      (words[0].size() == 1 || words[0][1] == '.') && words[1].size() > 2 && is_upper(words[1][0]) &&
      t.country(words[1]) == nullptr) {
    type = MentionType::person;
  }
  const Context around(before, after);
  std::string title = title_before(around, t);
  if (type != MentionType::person && !title.empty() && t.is_honorific(title)) type = MentionType::person;  // "Mr Chad"
  if (type != MentionType::person) title.clear();
  out.titled = !title.empty();
  if (t.is_junk(name) && !out.titled) return std::nullopt;
  // "the band Coldplay", "Coldplay frontman Chris Martin", "Taylor Wimpey shares":
  // an organisation named like a person.
  if (type == MentionType::person && !out.titled && words.size() <= 4 &&
      (org_noun_before(around) || org_noun_after(around))) {
    type = MentionType::org;
  }

  if (type != MentionType::person && words.size() > 1 && utf8::ascii_lower(words[0]) == "the") {
    words.erase(words.begin());
  }
  std::string kept_title;  // a royal or peerage title that stays: "Lord Falconer"
  if (type == MentionType::person) {
    for (std::size_t n; (n = leading_title(words, t)) > 0;) {
      kept_title = t.is_peer(join(words, 0, n)) ? join(words, 0, n) : std::string();
      words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
      out.titled = true;
    }
    if (kept_title.empty() && !title.empty() && t.is_peer(title)) kept_title = split_words(title).back();
    if (!kept_title.empty() && words.size() == 1) words.insert(words.begin(), kept_title);
  }
  if (type == MentionType::org) {
    if (after_portfolio_title(around)) return std::nullopt;
    while (words.size() > 1 && legal_suffix(words.back())) words.pop_back();
  }
  // "10 Downing Street": the house number is not part of the street's name.
  if (type == MentionType::place && words.size() > 1 && all_digits(words[0])) words.erase(words.begin());
  name = strip_around(join(words));  // "Apple, Inc." -> "Apple"
  words = split_words(name);
  if (name.empty() || name.size() > kMaxNameBytes) return std::nullopt;

  // A country is a place whatever the tagger called it ("U.S." as ORG means
  // its government), and a nationality word is no entity; but after a title
  // ("Mr Chad", "Mr Cuban") the word is a person's name.
  if (!out.titled) {
    if (const auto* country = t.country(name)) return CleanName{*country, MentionType::place, false, false, false};
    if (is_demonym(name, t)) return std::nullopt;  // "Israeli", "Palestinians"
    // "West German", "South Asian": an adjective of a region.
    if (words.size() == 2 && directional_word(words[0]) && is_demonym(words[1], t)) return std::nullopt;
  }
  if (type == MentionType::place && directional_adjective(words)) return std::nullopt;
  if (type == MentionType::org) {
    // A country's own body: "US State Department", "British Foreign Office".
    for (std::size_t n = 1; n < words.size() && n <= 3; ++n) {
      const auto* prefix_country = country_of_prefix(join(words, 0, n), t);
      if (prefix_country == nullptr) continue;
      const std::string rest = join(words, n);
      const auto* body_country = t.govbody_country(rest);
      if (body_country != nullptr && *body_country == *prefix_country) {
        name = rest;
        break;
      }
    }
  }
  out.type = type;
  out.shouted = shouted(name);
  out.name = out.shouted ? cased(name, type == MentionType::person ? EntityType::person : EntityType::org) : name;
  // Works and products: "the film Ray", "'Ray'", "the Newsnight programme"
  // (after an organisation's name, "BBC programme", the noun says nothing).
  out.work = !out.titled && (work_noun_before(around) || quoted(before, after) ||
                             (type != MentionType::org && given_type != MentionType::org && work_noun_after(around)));
  return out;
}

namespace {

// A mention made of two names is split into its parts (see resolve_entities):
// the parts, or {m} itself.
struct Pieces {
  std::vector<RawMention> parts;
  bool whole_too = false;  // an organisation "X and Y": the whole stays a candidate (decided later)
};

Pieces pieces_of(const RawMention& m, const NameTables& t) {
  const std::string_view text = m.text;
  const auto part = [&](std::size_t from, std::size_t to) {
    RawMention p = m;
    p.text = text.substr(from, to - from);
    if (from > 0) {
      p.before = {};
      p.after_org_possessive = false;
    }
    if (to < text.size()) p.after = {};
    return p;
  };
  // "(R-Ariz.)", "D-N.Y.": a US politician's party and state, as wires write them.
  if (text.size() >= 4 && (text[0] == 'R' || text[0] == 'D') && text[1] == '-' && is_upper(text[2]) &&
      text.find(' ') == std::string_view::npos) {
    RawMention party = m, state = part(2, text.size());
    static constexpr std::string_view kRepublican = "Republican", kDemocrat = "Democrat";
    party.text = text[0] == 'R' ? kRepublican : kDemocrat;
    party.type = MentionType::other;
    state.type = MentionType::place;
    return {{party, state}, false};
  }
  // "Bank, HM Treasury", "Jones, Shaw": a list, not a name ("Martin Luther King, Jr." is one).
  if (const auto comma = text.find(", "); comma != std::string_view::npos && comma > 0) {
    const std::string tail = utf8::ascii_lower(text.substr(comma + 2));
    const std::string head = utf8::ascii_lower(text.substr(0, comma));
    // "Commodity Board for Margarine, Fats and Oils" lists inside its name.
    const bool enumeration = tail.find(" and ") != std::string::npos || head.find(" for ") != std::string::npos ||
                             head.find(" of ") != std::string::npos;
    if (!enumeration && tail != "jr" && tail != "jr." && tail != "sr" && tail != "sr." && tail != "ii" &&
        tail != "iii" && is_upper(text[comma + 2])) {
      Pieces out;
      for (auto& half : {part(0, comma), part(comma + 2, text.size())}) {
        for (auto& p : pieces_of(half, t).parts) out.parts.push_back(p);
      }
      return out;
    }
  }
  // "Israel-Palestine": two countries joined, as in "the Israel-Palestine
  // conflict", are the two places, never a person.
  if (const auto dash = text.find('-'); dash != std::string_view::npos && dash > 0 && dash + 1 < text.size() &&
                                        text.find(' ') == std::string_view::npos &&
                                        t.country(text.substr(0, dash)) != nullptr &&
                                        t.country(text.substr(dash + 1)) != nullptr) {
    RawMention a = part(0, dash), b = part(dash + 1, text.size());
    a.type = b.type = MentionType::place;
    return {{a, b}, false};
  }
  // "Germany's Social Democrats": a country's possessive before another name.
  for (const std::string_view apostrophe : {"'s ", "\u2019s "}) {
    const auto at = text.find(apostrophe);
    if (at == std::string_view::npos || at == 0 || t.country(text.substr(0, at)) == nullptr) continue;
    RawMention country = part(0, at);
    country.type = MentionType::place;
    return {{country, part(at + apostrophe.size(), text.size())}, false};
  }
  // Two names joined by "and": for people always ("Tony Blair and Gordon
  // Brown"); an organisation only when the article names both halves on
  // their own ("Marks and Spencer" stays whole); places never ("Bethnal
  // Green and Bow" is one, and taggers split "England and Wales" already).
  std::size_t at = text.find(" and ");
  std::size_t gap = 5;
  if (at == std::string_view::npos) at = text.find(" And ");  // title case: "U.S. And Europe"
  if (at == std::string_view::npos) {
    at = text.find(" & ");
    gap = 3;
  }
  const bool splittable =
      at != std::string_view::npos && at > 0 && at + gap < text.size() && is_upper(text[at + gap]) && is_upper(text[0]);
  if (splittable && m.type == MentionType::person) return {{part(0, at), part(at + gap, text.size())}, false};
  if (splittable && m.type == MentionType::org && gap == 5) {
    return {{m, part(0, at), part(at + gap, text.size())}, true};
  }
  // "Labour MPs", "Lib Dem Treasury": an organisation's alias, then a title,
  // a plural or another name: the organisation, and the other name.
  if (m.type == MentionType::org || m.type == MentionType::other) {
    const auto words = split_words(text);
    for (std::size_t n = 1; n <= 2 && n < words.size(); ++n) {
      const std::string head = join(words, 0, n);
      const std::string rest = join(words, n);
      const auto* targets = t.knowledge().find(entity_key(head));
      if (targets == nullptr || targets->empty() || targets->front().type != EntityType::org) continue;
      const bool title = t.is_title(rest) || is_plural_acronym(rest);
      const auto* rest_targets = t.knowledge().find(entity_key(rest));
      if (!title && (rest_targets == nullptr || t.knowledge().is_canonical(entity_key(text)))) continue;
      const std::size_t cut = text.find(words[n], head.size());
      if (cut == std::string_view::npos) continue;
      Pieces out{{part(0, head.size())}, false};
      if (!title) out.parts.push_back(part(cut, text.size()));
      return out;
    }
  }
  // "Democrat Barack Obama", "Tory MP": a party's member word before a person's name.
  if (m.type == MentionType::person) {
    const auto space = text.find(' ');
    if (space != std::string_view::npos && text.find(' ', space + 1) != std::string_view::npos) {
      const auto* targets = t.knowledge().find(entity_key(text.substr(0, space)));
      if (targets != nullptr && !targets->empty() && targets->front().type == EntityType::org) {
        RawMention party = part(0, space);
        party.type = MentionType::other;
        return {{party, part(space + 1, text.size())}, false};
      }
    }
  }
  return {{m}, false};
}

// The knowledge's choice among the entities an alias names, from the
// article alone: the one it names in full; else the one whose name says a
// country the article names ("Conservative Party of Canada" beside Canada);
// else the only one whose name says no country ("Labour Party" rather than
// "Irish Labour Party"). Nothing when the article cannot tell.
const AliasTarget* choose_in_article(const std::vector<AliasTarget>& targets,
                                     const std::unordered_set<std::string>& keys, const NameTables& t) {
  const auto country_in = [&](const std::string& name) -> std::string {
    const auto words = split_words(name);
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t n = std::min<std::size_t>(3, words.size() - i); n >= 1; --n) {
        const std::string w = strip_around(join(words, i, i + n));
        if (const auto* c = t.country(w)) return *c;
        if (const auto* c = t.demonym_country(w)) return *c;
      }
    }
    return {};
  };
  const AliasTarget* unqualified = nullptr;
  std::size_t unqualified_count = 0;
  for (const auto& target : targets) {
    if (target.drop) continue;
    if (keys.count(entity_key(target.canonical)) > 0) return &target;
  }
  for (const auto& target : targets) {
    if (target.drop) continue;
    const std::string country = country_in(target.canonical);
    if (!country.empty() && keys.count(entity_key(country)) > 0) return &target;
    if (country.empty()) {
      unqualified = &target;
      ++unqualified_count;
    }
  }
  return unqualified_count == 1 ? unqualified : nullptr;
}

}  // namespace

std::vector<NamedEntity> resolve_entities(std::span<const RawMention> given, const NameTables& t) {
  std::vector<RawMention> mentions;
  std::vector<std::size_t> org_pairs;  // index of an "and" organisation, its two halves after it
  for (const RawMention& m : given) {
    Pieces p = pieces_of(m, t);
    if (p.whole_too) org_pairs.push_back(mentions.size());
    mentions.insert(mentions.end(), p.parts.begin(), p.parts.end());
  }

  struct Item {
    CleanName clean;
    std::string lower;  // for comparing: "khalil al-hayya"
    std::vector<std::string> words;
    bool in_title;
    bool in_lead;
    bool first_name;
    bool in_list;
    bool located;
    bool keep = true;
    std::string hint{};  // the knowledge's entity this article means by an ambiguous alias
  };
  std::vector<Item> items;
  std::vector<std::size_t> item_of(mentions.size(), SIZE_MAX);
  bool body_has_mentions = false;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const RawMention& m = mentions[i];
    auto clean = clean_mention(m.type, m.text, m.before, m.after, t);
    if (!clean) continue;
    if (m.after_org_possessive && m.type != MentionType::person) clean->work = true;  // "Sony's PSP"
    body_has_mentions |= !m.in_title;
    item_of[i] = items.size();
    items.push_back({std::move(*clean), {}, {}, m.in_title, m.in_lead, m.first_name, m.in_list, m.located});
  }
  for (auto& it : items) it.lower = utf8::ascii_lower(it.clean.name);
  // An "and" organisation: the whole, unless both halves are named on their
  // own and are names of their own (two words or more, or an acronym:
  // "Cable and Wireless" stays whole where "Cable" is named alone).
  for (const std::size_t whole : org_pairs) {
    const std::size_t w = item_of[whole], a = item_of[whole + 1], b = item_of[whole + 2];
    const auto named_alone = [&](std::size_t half) {
      if (half == SIZE_MAX) return false;
      const std::string& n = items[half].clean.name;
      if (n.find(' ') == std::string::npos && !is_acronym(n) && items[half].clean.type != MentionType::place) {
        return false;
      }
      for (std::size_t j = 0; j < items.size(); ++j) {
        if (j != w && j != a && j != b && items[j].lower == items[half].lower) return true;
      }
      return false;
    };
    const bool split_it = named_alone(a) && named_alone(b);
    if (w != SIZE_MAX) items[w].keep = !split_it;
    for (const std::size_t half : {a, b}) {
      if (half != SIZE_MAX) items[half].keep = split_it;
    }
  }
  // The article's own casing of a name it also writes in capitals.
  std::unordered_map<std::string, std::string> written;  // lower -> first mixed-case form
  for (auto& it : items) {
    if (it.keep && !it.clean.shouted) written.emplace(it.lower, it.clean.name);
  }
  for (auto& it : items) {
    if (!it.keep || !it.clean.shouted) continue;
    if (const auto w = written.find(it.lower); w != written.end()) {
      it.clean.name = w->second;
      it.clean.shouted = false;
    } else if (it.in_title && body_has_mentions) {
      it.keep = false;  // only in an all-capitals headline
    }
  }
  for (auto& it : items) it.words = split_words(it.lower);

  // Persons: a partial name takes the nearest full name it is part of (the
  // nearest before it, else the first after it): its start or its end, an
  // initial and surname ("P O'Connell"), a peer's title and surname ("Lord
  // Falconer" for Charles Falconer).
  std::unordered_map<std::string, std::size_t> times;  // how often each person name is written
  for (const auto& it : items) {
    if (it.keep && it.clean.type == MentionType::person) ++times[it.lower];
  }
  auto part_of = [&](const std::vector<std::string>& part, const std::vector<std::string>& full) {
    if (part.size() >= full.size()) {
      // "P O'Connell", "Lord Falconer" are as long as "Paul O'Connell".
      if (part.size() != 2 || full.size() < 2 || part[1] != full.back()) return false;
      const bool initial = part[0].size() == 1 || (part[0].size() == 2 && part[0][1] == '.');
      return (initial && part[0][0] == full[0][0]) || t.is_peer(part[0]);
    }
    if (std::equal(part.begin(), part.end(), full.begin())) return true;
    if (std::equal(part.rbegin(), part.rend(), full.rbegin())) return true;
    // "George Bush" in "George W. Bush": the same first and last names.
    if (part.size() == 2 && full.size() == 3 && part[0] == full[0] && part[1] == full[2] && full[1].size() <= 2) {
      return true;
    }
    if (part.size() == 2 && t.is_peer(part[0]) && part[1] == full.back()) return true;
    // "Hayya" in "Khalil al-Hayya": a surname after an article-like particle.
    const std::string& last = full.back();
    const auto dash = last.find('-');
    return part.size() == 1 && dash != std::string::npos && dash <= 3 && last.substr(dash + 1) == part[0];
  };
  std::vector<const Item*> resolved_to(items.size(), nullptr);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].keep || items[i].clean.type != MentionType::person) continue;
    auto full_name_at = [&](std::size_t j) {
      const Item& full = items[j];
      return full.keep && full.clean.type == MentionType::person && full.words.size() >= 2 &&
             !t.is_peer(full.words[0]) && full.lower != items[i].lower && part_of(items[i].words, full.words);
    };
    for (std::size_t j = i; j-- > 0 && resolved_to[i] == nullptr;) {
      if (full_name_at(j)) resolved_to[i] = &items[j];
    }
    for (std::size_t j = i + 1; j < items.size() && resolved_to[i] == nullptr; ++j) {
      if (full_name_at(j)) resolved_to[i] = &items[j];
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item& it = items[i];
    if (resolved_to[i] != nullptr) {
      it.clean.name = resolved_to[i]->clean.name;
      it.lower = resolved_to[i]->lower;
      it.first_name = false;
    } else if (it.clean.type == MentionType::person && it.words.size() == 1 && !it.clean.titled && !it.in_list &&
               times[it.lower] < 2) {
      // A lone word, once, no title and not in a list of names (a line-up):
      // more likely a tagging error than a person.
      it.keep = false;
    }
  }

  // Acronyms: "World Health Organization (WHO)", "UKIP" beside "UK
  // Independence Party" are one entity in the article that gives both.
  for (auto& it : items) {
    if (!it.keep || it.clean.type == MentionType::person || !is_acronym(it.clean.name)) continue;
    for (const auto& full : items) {
      if (full.keep && full.clean.type != MentionType::person && full.words.size() >= 2 &&
          abbreviates(it.clean.name, full.clean.name)) {
        it.clean.name = full.clean.name;
        it.lower = full.lower;
        break;
      }
    }
  }
  // An alias that names several entities ("Conservatives") is the one the
  // article names in full.
  std::unordered_set<std::string> keys;
  for (const auto& it : items) {
    if (it.keep) keys.insert(entity_key(it.clean.name));
  }
  for (auto& it : items) {
    const auto* targets = it.keep ? t.knowledge().find(entity_key(it.clean.name)) : nullptr;
    if (targets == nullptr || targets->size() < 2) continue;
    if (const AliasTarget* target = choose_in_article(*targets, keys, t)) {
      it.hint = target->canonical;
      it.clean.type = mention_type(target->type);
    }
  }

  // One entity per key, its type by its mentions: a title makes a person;
  // work cues on half of them a work; else the commonest of person,
  // organisation and place, `other` only when nothing else was said.
  struct Merged {
    std::string name, hint{};
    std::array<std::size_t, kMentionTypes> votes{};
    std::size_t mentions = 0, works = 0;
    bool titled = false, first_name = true, one_word = false, in_title = false, in_lead = false, located = false;
  };
  std::vector<Merged> merged;
  std::unordered_map<std::string, std::size_t> by_key;
  for (const auto& it : items) {
    if (!it.keep) continue;
    const std::string key = entity_key(it.clean.name);
    if (key.empty()) continue;
    const auto [pos, added] = by_key.emplace(key, merged.size());
    if (added) merged.push_back({it.clean.name});
    Merged& m = merged[pos->second];
    ++m.votes[static_cast<std::size_t>(it.clean.type)];
    ++m.mentions;
    m.works += it.clean.work ? 1 : 0;
    m.titled |= it.clean.titled && it.clean.type == MentionType::person;
    m.located |= it.located && it.clean.type == MentionType::place;
    m.first_name &= it.first_name;
    m.in_title |= it.in_title;
    m.in_lead |= it.in_lead;
    if (m.hint.empty()) m.hint = it.hint;
    m.one_word = it.words.size() == 1;
  }
  std::vector<NamedEntity> out;
  out.reserve(merged.size());
  for (const Merged& m : merged) {
    MentionType type = MentionType::other;
    if (m.titled) {
      type = MentionType::person;
    } else if (m.works * 2 < m.mentions) {
      std::size_t best = 0;
      for (const std::size_t ty : {0U, 2U, 1U}) {  // ties: person, org, place
        if (m.votes[ty] > best) {
          best = m.votes[ty];
          type = static_cast<MentionType>(ty);
        }
      }
    }
    std::uint8_t flags = 0;
    if (m.titled) flags |= NamedEntity::kTitled;
    if (m.works > 0) flags |= NamedEntity::kWork;
    if (m.first_name && m.one_word && type == MentionType::person) flags |= NamedEntity::kFirstName;
    if (m.in_title) flags |= NamedEntity::kInTitle;
    if (m.in_lead) flags |= NamedEntity::kInLead;
    if (m.located && type == MentionType::place) flags |= NamedEntity::kLocated;
    out.push_back({type, m.name, flags, m.hint, static_cast<std::uint16_t>(std::min<std::size_t>(m.mentions, 0xFFFF))});
  }
  return out;
}

}  // namespace newsdex
