#include "util/possessive.hpp"

#include <gtest/gtest.h>

#include <string>

namespace newsdex {
namespace {

struct Case {
  const char* word;
  const char* base;  // "" when it is no possessive
};

TEST(Possessive, BaseOfEachForm) {
  const Case cases[] = {
      {"Blair's", "Blair"},
      {"blair's", "blair"},
      {"Blair\u2019s", "Blair"},  // curly apostrophe
      {"Jones'", "Jones"},        // plural or -s name: the apostrophe alone
      {"Jones\u2019", "Jones"},
      {"workers'", "workers"},
      {"it's", ""},  // "it is": contractions are left alone
      {"It's", ""},
      {"that's", ""},
      {"there\u2019s", ""},
      {"Blair", ""},
      {"'s", ""},
      {"s'", ""},
      {"a's", ""},  // too short to be a name
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(std::string(possessive_base(c.word)), c.base) << c.word;
}

}  // namespace
}  // namespace newsdex
