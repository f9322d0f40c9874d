#include "entities/short_forms.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

bool generational_suffix(std::string_view word) {
  static const std::array<std::string_view, 7> kSuffixes{"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
  const std::string w = utf8::ascii_lower(word);
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

bool acronym(std::string_view name) {
  return name.size() >= 2 && name.size() <= 6 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

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

std::string short_key(EntityType type, std::string_view name) {
  if (type == EntityType::person) {
    auto words = split(name, ' ');
    while (words.size() > 2 && generational_suffix(words.back())) words.pop_back();
    return words.size() >= 2 ? utf8::ascii_lower(words.back()) : std::string();
  }
  if (type == EntityType::org && name.find(' ') != std::string_view::npos) {
    const std::string letters = initials(name, false);
    return acronym(letters) && letters.size() < name.size() ? utf8::ascii_lower(letters) : std::string();
  }
  return {};
}

std::string partial_key(EntityType type, std::string_view name) {
  if (type == EntityType::person && !name.empty() && name.find(' ') == std::string_view::npos) {
    return utf8::ascii_lower(name);
  }
  if (type == EntityType::org && acronym(name)) return utf8::ascii_lower(name);
  return {};
}

void Candidates::add(const std::string& name, std::int64_t delta) {
  const std::int64_t n = (articles[name] += delta);
  if (n <= 0) articles.erase(name);
}

std::optional<std::string> Candidates::dominant() const {
  std::int64_t total = 0;
  const std::pair<const std::string, std::int64_t>* best = nullptr;
  for (const auto& entry : articles) {
    total += entry.second;
    if (best == nullptr || entry.second > best->second) best = &entry;
  }
  if (best == nullptr || best->second < 2 || best->second * 3 < total * 2) return std::nullopt;
  return best->first;
}

std::string Candidates::encode() const {
  std::string out;
  for (const auto& [name, n] : articles) out += name + '\t' + std::to_string(n) + '\n';
  return out;
}

Candidates Candidates::decode(std::string_view text) {
  Candidates c;
  for (const auto line : split(text, '\n')) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    std::int64_t n = 0;
    const auto digits = line.substr(tab + 1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), n).ec != std::errc() || n <= 0) continue;
    c.articles[std::string(line.substr(0, tab))] = n;
  }
  return c;
}

std::string encode_short_forms(const std::vector<ShortForm>& forms) {
  std::string out;
  for (const auto& f : forms) {
    out += std::string(facet_name(f.type)) + '\t' + f.key + '\t' + f.written + '\t' + f.resolved + '\n';
  }
  return out;
}

std::vector<ShortForm> decode_short_forms(std::string_view text) {
  std::vector<ShortForm> forms;
  for (const auto line : split(text, '\n')) {
    const auto cols = split(line, '\t');
    if (cols.size() != 4) continue;
    const auto type = parse_facet_name(cols[0]);
    if (!type || cols[1].empty() || cols[2].empty() || cols[3].empty()) continue;
    ShortForm f;
    f.type = *type;
    f.key = cols[1];
    f.written = cols[2];
    f.resolved = cols[3];
    forms.push_back(std::move(f));
  }
  return forms;
}

}  // namespace newsdex
