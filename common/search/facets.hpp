#pragma once
// Facet counting, without Xapian: the searcher feeds it each matching
// article's list of entity keys (the value slots of schema.hpp) and asks for
// the top keys; it shows each under its name (the index's entity records).
//   FacetCounter c;
//   c.add(EntityType::place, "gaza\nwest bank");
//   c.add(EntityType::place, "gaza");
//   c.top(EntityType::place, 10, {}).values == {{"gaza", 2}, {"west bank", 1}}
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/entity.hpp"
#include "search/results.hpp"

namespace newsdex {

class FacetCounter {
 public:
  // `articles` articles' list of keys of one type ("gaza\nwest bank").
  void add(EntityType type, std::string_view list, std::size_t articles = 1);

  // The `limit` most frequent keys (ties by key), the number of distinct
  // keys, and every `selected` key (drill-downs) even when outside the top,
  // with its count (0 when no match names it).
  Facet top(EntityType type, std::size_t limit, const std::vector<std::string>& selected) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>, 3> counts_;
};

}  // namespace newsdex
