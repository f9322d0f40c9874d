#pragma once
// Facet counting, without Xapian: the searcher feeds it each matching
// article's entity lists (the value slots of schema.hpp) and asks for the
// top values. Names that differ only in ASCII case count as one value,
// shown in its most frequent form.
//   FacetCounter c;
//   c.add(EntityType::place, "Gaza\nWest Bank");
//   c.add(EntityType::place, "gaza");
//   c.top(EntityType::place, 10, {}).values == {{"Gaza", 2}, {"West Bank", 1}}
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/entity_extractor.hpp"
#include "search/results.hpp"

namespace newsdex {

class FacetCounter {
 public:
  // `articles` articles' list of names of one type ("Gaza\nWest Bank").
  void add(EntityType type, std::string_view list, std::size_t articles = 1);

  // The `limit` most frequent values (ties by name), the number of distinct
  // values, and every `selected` value (drill-downs) even when outside the
  // top, with its count (0 when no match names it).
  Facet top(EntityType type, std::size_t limit, const std::vector<std::string>& selected) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>, 3> counts_;
};

}  // namespace newsdex
