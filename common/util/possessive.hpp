#pragma once
// English possessives, for the index and the query alike. No Xapian here.
#include <string_view>

namespace newsdex {

// The name a possessive is of: "blair's", "Blair’s" -> "blair"/"Blair",
// "Jones'" -> "Jones"; empty for anything else, and for the words that
// take "'s" as "is" or "has" more often than as a possessive ("it's",
// "that's", "there's"), which are left alone.
std::string_view possessive_base(std::string_view word);

}  // namespace newsdex
