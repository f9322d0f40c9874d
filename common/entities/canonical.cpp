#include "entities/canonical.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "entities/short_forms.hpp"
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
  for (const auto word : split(text, ' ')) {
    if (!word.empty()) words.emplace_back(word);
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
  static constexpr std::array<std::pair<std::string_view, char>, 4> kQuotes{
      {{"\u2018", '\''}, {"\u2019", '\''}, {"\u201C", '"'}, {"\u201D", '"'}}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kQuotes) {
      if (text.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = text[i++];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

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

// Whether `before` ends with a title: "... said US Secretary of State ".
bool ends_with_title(std::string_view before, const NameTables& t) {
  const auto words = split_words(normalize_text(before));
  for (std::size_t n = 1; n <= std::min(kMaxTitleWords, words.size()); ++n) {
    if (t.is_title(join(words, words.size() - n))) return true;
  }
  return false;
}

// "Minister of Foreign Affairs", "Secretary of the Treasury": the
// organisation after these is a portfolio, part of a title.
bool after_portfolio_title(std::string_view before) {
  auto words = split_words(utf8::ascii_lower(normalize_text(before)));
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

// "OSCE" and "Organization for Security and Co-operation in Europe".
bool matches_initials(std::string_view acronym, std::string_view name) {
  return acronym == initials(name, false) || acronym == initials(name, true);
}

}  // namespace

std::optional<CleanName> clean_mention(EntityType type, std::string_view text, std::string_view before,
                                       const NameTables& t) {
  CleanName out;
  out.type = type;
  std::string name = strip_around(normalize_text(text));
  if (name.empty() || name.size() > kMaxNameBytes || !has_letter(name)) return std::nullopt;
  auto words = split_words(name);
  if (words.size() > kMaxNameWords) return std::nullopt;
  if (t.is_title(name)) return std::nullopt;  // "FM", "President": a title alone names no one
  out.titled = type == EntityType::person && ends_with_title(before, t);
  if (t.is_junk(name) && !out.titled) return std::nullopt;

  if (type != EntityType::person && words.size() > 1 && utf8::ascii_lower(words[0]) == "the") {
    words.erase(words.begin());
  }
  if (type == EntityType::person) {
    for (std::size_t n; (n = leading_title(words, t)) > 0;) {
      words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
      out.titled = true;
    }
  }
  if (type == EntityType::org) {
    if (after_portfolio_title(before)) return std::nullopt;
    while (words.size() > 1 && legal_suffix(words.back())) words.pop_back();
  }
  name = strip_around(join(words));  // "Apple, Inc." -> "Apple"
  words = split_words(name);
  if (name.empty()) return std::nullopt;

  // A country is a place whatever the tagger called it ("U.S." as ORG means
  // its government), and a nationality word is no entity; but after a title
  // ("Mr Chad", "Mr Cuban") the word is a person's name.
  if (!out.titled) {
    if (const auto* country = t.country(name)) return CleanName{*country, EntityType::place, false, false};
    if (is_demonym(name, t)) return std::nullopt;  // "Israeli", "Palestinians"
  }
  if (type == EntityType::place && directional_adjective(words)) return std::nullopt;
  if (type == EntityType::org) {
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
  out.shouted = shouted(name);
  out.name = out.shouted ? cased(name, type) : name;
  return out;
}

std::vector<Entity> resolve_entities(std::span<const RawMention> mentions, const NameTables& t) {
  struct Item {
    EntityType type;
    CleanName clean;
    std::string lower;  // for comparing: "khalil al-hayya"
    std::vector<std::string> words;
    bool in_title;
    bool keep = true;
  };
  std::vector<Item> items;
  bool body_has_mentions = false;
  for (const RawMention& m : mentions) {
    auto clean = clean_mention(m.type, m.text, m.before, t);
    if (!clean) continue;
    body_has_mentions |= !m.in_title;
    const EntityType type = clean->type;
    items.push_back({type, std::move(*clean), {}, {}, m.in_title});
  }
  // The article's own casing of a name it also writes in capitals.
  std::unordered_map<std::string, std::string> written;  // lower -> first mixed-case form
  for (auto& it : items) {
    it.lower = utf8::ascii_lower(it.clean.name);
    if (!it.clean.shouted) written.emplace(it.lower, it.clean.name);
  }
  for (auto& it : items) {
    if (!it.clean.shouted) continue;
    if (const auto w = written.find(it.lower); w != written.end()) {
      it.clean.name = w->second;
      it.clean.shouted = false;
    } else if (it.in_title && body_has_mentions) {
      it.keep = false;  // only in an all-capitals headline
    }
  }
  for (auto& it : items) it.words = split_words(it.lower);

  // Persons: a partial name takes the nearest full name it is the start or
  // the end of (the nearest before it, else the first after it).
  std::unordered_map<std::string, std::size_t> times;  // how often each person name is written
  for (const auto& it : items) {
    if (it.keep && it.type == EntityType::person) ++times[it.lower];
  }
  auto part_of = [](const std::vector<std::string>& part, const std::vector<std::string>& full) {
    if (part.size() >= full.size()) return false;
    if (std::equal(part.begin(), part.end(), full.begin())) return true;
    if (std::equal(part.rbegin(), part.rend(), full.rbegin())) return true;
    // "Hayya" in "Khalil al-Hayya": a surname after an article-like particle.
    const std::string& last = full.back();
    const auto dash = last.find('-');
    return part.size() == 1 && dash != std::string::npos && dash <= 3 && last.substr(dash + 1) == part[0];
  };
  std::vector<const Item*> resolved_to(items.size(), nullptr);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].keep || items[i].type != EntityType::person) continue;
    auto full_name_at = [&](std::size_t j) {
      const Item& full = items[j];
      return full.keep && full.type == EntityType::person && full.words.size() >= 2 &&
             part_of(items[i].words, full.words);
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
    } else if (it.type == EntityType::person && it.words.size() == 1 && !it.clean.titled && times[it.lower] < 2) {
      it.keep = false;  // a lone word, once, and no title: more likely a tagging error than a person
    }
  }

  // Organisations: "World Health Organization (WHO)" is one entity in the
  // article that defines the acronym.
  for (auto& it : items) {
    if (!it.keep || it.type != EntityType::org || partial_key(EntityType::org, it.clean.name).empty()) continue;
    for (const auto& full : items) {
      if (full.keep && full.type == EntityType::org && full.words.size() >= 2 &&
          matches_initials(it.clean.name, full.clean.name)) {
        it.clean.name = full.clean.name;
        it.lower = full.lower;
        break;
      }
    }
  }

  std::vector<Entity> out;
  std::unordered_set<std::string> seen;  // type + lower case name
  for (const auto& it : items) {
    if (it.keep && seen.insert(facet_name(it.type) + (':' + it.lower)).second) out.push_back({it.type, it.clean.name});
  }
  return out;
}

}  // namespace newsdex
