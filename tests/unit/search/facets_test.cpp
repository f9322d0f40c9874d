#include "search/facets.hpp"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(FacetCounter, CountsKeysAndKeepsSelectedValues) {
  FacetCounter c;
  c.add(EntityType::place, "gaza\nwest bank");
  c.add(EntityType::place, "gaza\negypt", 2);  // a list named by two articles
  c.add(EntityType::place, "");
  c.add(EntityType::person, "khalil al-hayya");
  const Facet places = c.top(EntityType::place, 2, {});
  EXPECT_EQ(places.name, "place");
  EXPECT_EQ(places.total, 3u);
  ASSERT_EQ(places.values.size(), 2u);
  EXPECT_EQ(places.values[0].value, "gaza");
  EXPECT_EQ(places.values[0].count, 3u);
  EXPECT_EQ(places.values[1].value, "egypt");  // 2
  const Facet with_selected = c.top(EntityType::place, 1, {"west bank", "narnia"});
  ASSERT_EQ(with_selected.values.size(), 3u);
  EXPECT_EQ(with_selected.values[1].value, "west bank");
  EXPECT_EQ(with_selected.values[1].count, 1u);
  EXPECT_EQ(with_selected.values[2].value, "narnia");
  EXPECT_EQ(with_selected.values[2].count, 0u);
  EXPECT_EQ(c.top(EntityType::person, 10, {}).values[0].count, 1u);
  EXPECT_EQ(c.top(EntityType::org, 10, {}).total, 0u);
}

}  // namespace
}  // namespace newsdex
