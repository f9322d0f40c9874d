#pragma once
// Raw article text -> tokens and sentences that follow the conventions of the
// CoNLL-2003 training data (Penn Treebank style): punctuation apart, clitics
// split ("Blinken's" -> "Blinken" "'s", "don't" -> "do" "n't"), hyphenated words
// and abbreviations kept whole ("al-Hayya", "U.S.", "Mr."), numbers whole
// ("1,200.50", "6-4"). Each token keeps its byte offsets into the text.
//   TokenizedText t = tokenize("Mr. Blinken's visit to the U.S. ended.");
//   // tokens: Mr. | Blinken | 's | visit | to | the | U.S. | ended | .
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::ner {

struct Token {
  std::string_view text;    // the form the tagger sees: curly quotes and apostrophes made ASCII
  std::uint32_t begin = 0;  // byte offsets of the token in the tokenized text
  std::uint32_t end = 0;
};

struct Sentence {
  std::uint32_t begin = 0;  // token range [begin, end)
  std::uint32_t end = 0;
};

struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::deque<std::string> storage;  // normalized forms that differ from the text

  TokenizedText() = default;
  TokenizedText(TokenizedText&&) = default;
  TokenizedText& operator=(TokenizedText&&) = default;
  TokenizedText(const TokenizedText&) = delete;  // tokens point into storage
  TokenizedText& operator=(const TokenizedText&) = delete;
};

// Tokens and sentences of `text` (valid UTF-8; the views point into `text`, which must
// outlive the result). Sentences end at . ! ? (not after abbreviations) followed by a
// capitalised word, and at blank lines.
TokenizedText tokenize(std::string_view text);

}  // namespace newsdex::ner
