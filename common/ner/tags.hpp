#pragma once
// Entity tags: the four CoNLL types, BILOU encoding for the tagger, IOB2 for files,
// and spans (what the scorer and the tools report).
//   Tag t = Tag::make(Position::begin, Type::per);   // "B-PER"
//   spans_from_tags({B-PER, L-PER, O}) == {{0, 2, Type::per}}
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::ner {

enum class Type : std::uint8_t { per, loc, org, misc };
inline constexpr int kTypeCount = 4;
std::string_view type_name(Type type);  // "PER", "LOC", "ORG", "MISC"
std::optional<Type> parse_type(std::string_view name);

enum class Position : std::uint8_t { begin, inside, last, unit };

// A BILOU tag in one byte: 0 is O, then 4 positions for each type.
struct Tag {
  std::uint8_t code = 0;

  static constexpr Tag outside() { return Tag{0}; }
  static constexpr Tag make(Position p, Type t) {
    return Tag{static_cast<std::uint8_t>(1 + static_cast<int>(t) * 4 + static_cast<int>(p))};
  }
  constexpr bool is_outside() const { return code == 0; }
  constexpr Type type() const { return static_cast<Type>((code - 1) / 4); }
  constexpr Position position() const { return static_cast<Position>((code - 1) % 4); }
  // Does an entity continue after this tag (B or I)?
  constexpr bool opens() const {
    return !is_outside() && (position() == Position::begin || position() == Position::inside);
  }
  friend bool operator==(Tag, Tag) = default;
};
inline constexpr int kTagCount = 1 + kTypeCount * 4;

std::string tag_name(Tag tag);  // "O", "B-PER", "U-LOC"
// Can `next` follow `prev` in a well-formed BILOU sequence? (use Tag::outside() at sentence edges)
constexpr bool valid_transition(Tag prev, Tag next) {
  const bool next_continues =
      !next.is_outside() && (next.position() == Position::inside || next.position() == Position::last);
  if (prev.opens()) return next_continues && next.type() == prev.type();
  return !next_continues;
}

// An entity: tokens [begin, end) of a sentence or document.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  Type type = Type::per;
  friend bool operator==(const Span&, const Span&) = default;
};

// Spans of a BILOU sequence. Ill-formed runs are read leniently (a B without its L still
// ends where the type changes), so a tagger's output always yields spans.
std::vector<Span> spans_from_tags(const std::vector<Tag>& tags);
// BILOU tags for spans over n tokens.
std::vector<Tag> tags_from_spans(const std::vector<Span>& spans, std::size_t n);

// IOB2/IOB1 labels as written in files ("B-PER", "I-LOC", "O"), read with conlleval's
// rules: an entity starts at B-X, or at I-X after O or a different type.
std::vector<Span> spans_from_iob(const std::vector<std::string>& labels);
std::vector<std::string> iob2_from_spans(const std::vector<Span>& spans, std::size_t n);

}  // namespace newsdex::ner
