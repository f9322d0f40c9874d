#include "entities/names.hpp"

#include <vector>

#include "entities/keys.hpp"
#include "util/errors.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {

std::string NameTables::key(std::string_view form) {
  std::string out;
  out.reserve(form.size());
  for (const char c : form) {
    if (c == '.') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

NameTables NameTables::parse(std::string_view text, std::string_view source) {
  NameTables t;
  std::size_t line_no = 0;
  std::string entity_rows;  // "type\tcanonical\talias" lines, read by AliasTable
  auto fail = [&](const std::string& what) {
    throw InputError(std::string(source) + ":" + std::to_string(line_no) + ": error: " + what +
                     " in the name tables; rebuild the model with scripts/train-ner.sh");
  };
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (std::string copy(line); utf8::sanitize(copy).changed()) fail("invalid UTF-8 or a control character");
    const std::vector<std::string_view> cols = split(line, '\t');
    const std::string_view kind = cols[0];
    if (kind == "entity") {
      if (cols.size() != 4) fail("expected 4 columns");
      if (!parse_facet_name(cols[1])) fail("unknown entity type '" + std::string(cols[1]) + "'");
      if (entity_key(cols[2]).empty() || (cols[3] != "-" && entity_key(cols[3]).empty())) fail("empty name");
      entity_rows += std::string(line.substr(kind.size() + 1)) + '\n';
      ++t.rows_;
      continue;
    }
    const bool has_value = kind == "alias" || kind == "demonym" || kind == "govbody";
    if (!has_value && kind != "title" && kind != "junk" && kind != "peer" && kind != "honorific") {
      fail("unknown kind '" + std::string(kind) + "'");
    }
    if (cols.size() != (has_value ? 3U : 2U)) fail("expected " + std::string(has_value ? "3" : "2") + " columns");
    const std::string k = key(cols[1]);
    if (k.empty() || (has_value && cols[2].empty())) fail("empty name");
    ++t.rows_;
    if (kind == "title") {
      t.titles_.insert(k);
    } else if (kind == "peer") {
      t.peers_.insert(k);
      t.titles_.insert(k);
    } else if (kind == "honorific") {
      t.honorifics_.insert(k);
      t.titles_.insert(k);
    } else if (kind == "junk") {
      t.junk_.insert(k);
    } else {
      auto& map = kind == "alias" ? t.aliases_ : kind == "demonym" ? t.demonyms_ : t.govbodies_;
      map[k] = std::string(cols[2]);
    }
  }
  // One more look-up of each value: "Republic of Türkiye -> Türkiye", then "Türkiye -> Turkey".
  for (auto* map : {&t.aliases_, &t.demonyms_, &t.govbodies_}) {
    for (auto& [form, name] : *map) {
      if (const auto it = t.aliases_.find(key(name)); it != t.aliases_.end()) name = it->second;
    }
  }
  // The knowledge: the entity rows, then every country's other names as a place.
  for (const auto& [form, name] : t.aliases_) {
    if (form != key(name)) entity_rows += "place\t" + name + '\t' + form + '\n';
  }
  t.knowledge_ = AliasTable::parse(entity_rows, std::string(source) + " (entity rows)");
  return t;
}

}  // namespace newsdex
