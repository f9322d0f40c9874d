#include "entities/aliases.hpp"

#include <algorithm>

#include "entities/keys.hpp"
#include "util/errors.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {

namespace {

// Throws the first malformed row as InputError.
class Throwing : public DiagnosticSink {
 public:
  void report(Diagnostic d) override { throw InputError(format_diagnostic(d)); }
};

}  // namespace

AliasTable AliasTable::parse(std::string_view text, std::string_view source) {
  Throwing throwing;
  return parse(text, source, throwing);
}

AliasTable AliasTable::parse(std::string_view text, std::string_view source, DiagnosticSink& diagnostics) {
  AliasTable t;
  std::size_t line_no = 0;
  const auto bad = [&](const std::string& what) {
    diagnostics.error(std::string(source), line_no,
                      what + "; rows are type<TAB>canonical name<TAB>alias (or - to drop the name); skipped");
  };
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    if (std::string copy(line); utf8::sanitize(copy).changed()) {
      bad("invalid UTF-8 or a control character");
      continue;
    }
    const auto cols = split(line, '\t');
    if (cols.size() != 3) {
      bad("expected 3 TAB-separated columns, found " + std::to_string(cols.size()));
      continue;
    }
    const auto type = parse_facet_name(cols[0]);
    if (!type) {
      bad("unknown type '" + std::string(cols[0]) + "' (person, place or org)");
      continue;
    }
    const std::string canonical = std::string(cols[1]);
    const std::string alias = std::string(cols[2]);
    if (entity_key(canonical).empty()) {
      bad("the name '" + canonical + "' has no letter or digit");
      continue;
    }
    const bool drop = alias == "-";
    const std::string key = entity_key(drop ? canonical : alias);
    if (key.empty()) {
      bad("the alias '" + alias + "' has no letter or digit");
      continue;
    }
    AliasTarget target{*type, canonical, drop};
    if (!drop) t.canonicals_.emplace(entity_key(canonical), *type);
    auto& targets = t.by_key_[key];
    if (std::find(targets.begin(), targets.end(), target) == targets.end()) targets.push_back(std::move(target));
    ++t.rows_;
  }
  return t;
}

const std::vector<AliasTarget>* AliasTable::find(std::string_view key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &it->second;
}

std::string AliasTable::encode() const {
  // Key by key, each key's targets in their order (the first one counts
  // first); the key stands for the alias as written and reads back to itself.
  std::string out;
  for (const auto& [key, targets] : by_key_) {
    for (const auto& target : targets) {
      out += std::string(facet_name(target.type)) + '\t' + target.canonical + '\t' +
             (target.drop ? std::string("-") : key) + '\n';
    }
  }
  return out;
}

std::vector<std::string> AliasTable::changed_keys(const AliasTable& before, const AliasTable& after) {
  std::vector<std::string> keys;
  auto a = before.by_key_.begin();
  auto b = after.by_key_.begin();
  while (a != before.by_key_.end() || b != after.by_key_.end()) {
    if (b == after.by_key_.end() || (a != before.by_key_.end() && a->first < b->first)) {
      keys.push_back((a++)->first);
    } else if (a == before.by_key_.end() || b->first < a->first) {
      keys.push_back((b++)->first);
    } else {
      if (a->second != b->second) keys.push_back(a->first);
      ++a;
      ++b;
    }
  }
  return keys;
}

}  // namespace newsdex
