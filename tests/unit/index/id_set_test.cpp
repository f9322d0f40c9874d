#include "index/id_set.hpp"

#include <gtest/gtest.h>

#include <string>

namespace newsdex {
namespace {

TEST(IdSet, HoldsWhatWasAddedAndNothingElse) {
  IdSet set;
  for (int i = 0; i < 1000; i += 2) set.add("reuters-" + std::to_string(i));
  set.add("reuters-0");  // a repeat
  set.add("");
  set.seal();
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(set.contains("reuters-" + std::to_string(i)), i % 2 == 0) << i;
  EXPECT_TRUE(set.contains(""));
  EXPECT_FALSE(set.contains("reuters-"));
  EXPECT_FALSE(IdSet().contains("reuters-0"));
}

}  // namespace
}  // namespace newsdex
