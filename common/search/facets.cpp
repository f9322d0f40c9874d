#include "search/facets.hpp"

#include <algorithm>
#include <cstdint>

#include "schema/schema.hpp"

namespace newsdex {

void FacetCounter::add(EntityType type, std::string_view list, std::size_t articles) {
  // Called for every distinct list: split in place and looked up without a
  // copy, as most names are already there (the list format is
  // schema::encode_entity_list's).
  auto& counts = counts_[static_cast<std::size_t>(type)];
  while (!list.empty()) {
    const std::size_t nl = list.find('\n');
    const std::string_view name = list.substr(0, nl);
    if (const auto it = counts.find(name); it != counts.end()) {
      it->second += articles;
    } else if (!name.empty()) {
      counts.emplace(std::string(name), articles);
    }
    list.remove_prefix(nl == std::string_view::npos ? list.size() : nl + 1);
  }
}

namespace {

// A name's case-blind identity, without building the lower-case string:
// top() runs over every distinct name of the match set (tens of thousands).
std::uint64_t case_blind_key(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a; 64 bits make collisions negligible
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

Facet FacetCounter::top(EntityType type, std::size_t limit, const std::vector<std::string>& selected) const {
  // Case variants ("al-Hayya", "Al-Hayya") are one value: grouped by their
  // case-blind key, shown as their most frequent spelling.
  struct Group {
    std::size_t count = 0;
    const std::string* shown = nullptr;
    std::size_t shown_count = 0;
  };
  const auto& counts = counts_[static_cast<std::size_t>(type)];
  std::unordered_map<std::uint64_t, Group> groups;
  groups.reserve(counts.size());
  for (const auto& [name, count] : counts) {
    Group& g = groups[case_blind_key(name)];
    g.count += count;
    if (g.shown == nullptr || count > g.shown_count || (count == g.shown_count && name < *g.shown)) {
      g.shown = &name;
      g.shown_count = count;
    }
  }
  Facet facet;
  facet.name = facet_name(type);
  facet.total = groups.size();
  auto before = [](const Group* a, const Group* b) {
    return a->count != b->count ? a->count > b->count : *a->shown < *b->shown;
  };
  std::vector<const Group*> all;
  all.reserve(groups.size());
  for (const auto& [key, g] : groups) all.push_back(&g);
  const std::size_t n = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
  for (std::size_t i = 0; i < n; ++i) facet.values.push_back({*all[i]->shown, all[i]->count});
  for (const std::string& wanted : selected) {
    const std::uint64_t key = case_blind_key(wanted);
    const bool shown = std::any_of(facet.values.begin(), facet.values.end(),
                                   [&](const FacetValue& v) { return case_blind_key(v.value) == key; });
    if (shown) continue;
    const auto g = groups.find(key);
    facet.values.push_back(g != groups.end() ? FacetValue{*g->second.shown, g->second.count} : FacetValue{wanted, 0});
  }
  return facet;
}

}  // namespace newsdex
