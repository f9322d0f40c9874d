#pragma once
// How far apart two spellings are, for "did you mean" (queries, options).
#include <cstddef>
#include <string_view>

namespace newsdex {

// Edits (insertions, deletions, substitutions, swaps of neighbours) that
// turn `a` into `b`, byte by byte, or `limit + 1` when there are more than
// `limit`: edit_distance("wegner", "wenger", 2) == 1.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace newsdex
