#pragma once
// Text laid out for a terminal's width: lines broken between words (or
// between the items of a list), never inside one, continuation lines
// indented.
//   wrap_words("    ", "the truce held through the night", 21, 4)
//     == "    the truce held\n    through the night"
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Columns `text` takes: its code points, ANSI colour sequences ("\x1b[1m")
// not counted.
std::size_t visible_width(std::string_view text);

// `lead`, then `units` joined by `separator`, broken before a unit that
// would pass `width` columns; a continuation line starts with `indent`
// spaces (the break stands for the separator). A unit wider than any line
// is broken between its words; a word wider than a line overflows it.
// `width` 0: one line, as it is.
std::string wrap_units(std::string_view lead, const std::vector<std::string>& units, std::string_view separator,
                       std::size_t width, std::size_t indent);

// `lead` then the words of `text` (split at spaces), wrapped as wrap_units
// does; a line that fits (or `width` 0) is `lead` + `text` as they are.
std::string wrap_words(std::string_view lead, std::string_view text, std::size_t width, std::size_t indent);

}  // namespace newsdex
