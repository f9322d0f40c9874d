#pragma once
// Small helpers for JSON text that every reader of user-supplied JSON needs.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// Maximum nesting of brackets outside strings: lets a reader refuse
// "[[[[..." bombs before handing them to a parser. json_depth("{\"a\":[1]}") == 2
std::size_t json_depth(std::string_view text);

// A JSON library's exception text without its internal id:
// "[json.exception.parse_error.101] parse error at line 1, column 5: ..." ->
// "parse error at column 5: ..." (we always parse a single line), as valid
// UTF-8 even when the input it quotes is not.
std::string json_error_text(std::string_view what);

}  // namespace newsdex
