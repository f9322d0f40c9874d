#include "search/facets.hpp"

#include <algorithm>

namespace newsdex {

void FacetCounter::add(EntityType type, std::string_view list, std::size_t articles) {
  // Called for every distinct list: split in place and looked up without a
  // copy, as most keys are already there (the list format is
  // schema::encode_entity_list's).
  auto& counts = counts_[static_cast<std::size_t>(type)];
  while (!list.empty()) {
    const std::size_t nl = list.find('\n');
    const std::string_view key = list.substr(0, nl);
    if (const auto it = counts.find(key); it != counts.end()) {
      it->second += articles;
    } else if (!key.empty()) {
      counts.emplace(std::string(key), articles);
    }
    list.remove_prefix(nl == std::string_view::npos ? list.size() : nl + 1);
  }
}

Facet FacetCounter::top(EntityType type, std::size_t limit, const std::vector<std::string>& selected) const {
  const auto& counts = counts_[static_cast<std::size_t>(type)];
  Facet facet;
  facet.name = facet_name(type);
  facet.total = counts.size();
  using Entry = const std::pair<const std::string, std::size_t>*;
  std::vector<Entry> all;
  all.reserve(counts.size());
  for (const auto& entry : counts) all.push_back(&entry);
  const auto before = [](Entry a, Entry b) {
    return a->second != b->second ? a->second > b->second : a->first < b->first;
  };
  const std::size_t n = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
  for (std::size_t i = 0; i < n; ++i) facet.values.push_back({all[i]->first, all[i]->second});
  for (const std::string& wanted : selected) {
    const bool shown =
        std::any_of(facet.values.begin(), facet.values.end(), [&](const FacetValue& v) { return v.value == wanted; });
    if (shown) continue;
    const auto it = counts.find(wanted);
    facet.values.push_back({wanted, it != counts.end() ? it->second : 0});
  }
  return facet;
}

}  // namespace newsdex
