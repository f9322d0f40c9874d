#include "ner/tags.hpp"

namespace newsdex::ner {

namespace {
constexpr std::array<std::string_view, kTypeCount> kTypeNames = {"PER", "LOC", "ORG", "MISC"};
}

std::string_view type_name(Type type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

std::optional<Type> parse_type(std::string_view name) {
  for (int i = 0; i < kTypeCount; ++i) {
    if (kTypeNames[static_cast<std::size_t>(i)] == name) return static_cast<Type>(i);
  }
  return std::nullopt;
}

std::string tag_name(Tag tag) {
  if (tag.is_outside()) return "O";
  static constexpr char kPositions[] = {'B', 'I', 'L', 'U'};
  std::string name(1, kPositions[static_cast<int>(tag.position())]);
  name += '-';
  name += type_name(tag.type());
  return name;
}

std::vector<Span> spans_from_tags(const std::vector<Tag>& tags) {
  std::vector<Span> spans;
  bool open = false;
  Span current;
  for (std::uint32_t i = 0; i < tags.size(); ++i) {
    const Tag tag = tags[i];
    const bool starts = !tag.is_outside() && (tag.position() == Position::begin || tag.position() == Position::unit ||
                                              !open || current.type != tag.type());
    if (open && (tag.is_outside() || starts)) {
      current.end = i;
      spans.push_back(current);
      open = false;
    }
    if (tag.is_outside()) continue;
    if (!open) {
      current = Span{i, i, tag.type()};
      open = true;
    }
    if (tag.position() == Position::last || tag.position() == Position::unit) {
      current.end = i + 1;
      spans.push_back(current);
      open = false;
    }
  }
  if (open) {
    current.end = static_cast<std::uint32_t>(tags.size());
    spans.push_back(current);
  }
  return spans;
}

std::vector<Tag> tags_from_spans(const std::vector<Span>& spans, std::size_t n) {
  std::vector<Tag> tags(n, Tag::outside());
  for (const Span& s : spans) {
    if (s.end == s.begin + 1) {
      tags[s.begin] = Tag::make(Position::unit, s.type);
      continue;
    }
    tags[s.begin] = Tag::make(Position::begin, s.type);
    for (std::uint32_t i = s.begin + 1; i + 1 < s.end; ++i) tags[i] = Tag::make(Position::inside, s.type);
    tags[s.end - 1] = Tag::make(Position::last, s.type);
  }
  return tags;
}

std::vector<Span> spans_from_iob(const std::vector<std::string>& labels) {
  // conlleval: a chunk ends before B-X, O, or a type change; it starts at B-X or at I-X
  // that does not continue a chunk of type X.
  std::vector<Span> spans;
  std::optional<Span> open;
  for (std::uint32_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i];
    std::optional<Type> type;
    char prefix = 'O';
    if (label.size() > 2 && label[1] == '-') {
      prefix = label[0];
      type = parse_type(std::string_view(label).substr(2));
    }
    const bool inside = type && (prefix == 'I' || prefix == 'L' || prefix == 'E');
    const bool begins = type && !inside;
    if (open && (!type || begins || open->type != *type)) {
      open->end = i;
      spans.push_back(*open);
      open.reset();
    }
    if (type && !open) open = Span{i, i, *type};
    // BILOU/IOBES files close a chunk explicitly.
    if (open && (prefix == 'L' || prefix == 'U' || prefix == 'E' || prefix == 'S')) {
      open->end = i + 1;
      spans.push_back(*open);
      open.reset();
    }
  }
  if (open) {
    open->end = static_cast<std::uint32_t>(labels.size());
    spans.push_back(*open);
  }
  return spans;
}

std::vector<std::string> iob2_from_spans(const std::vector<Span>& spans, std::size_t n) {
  std::vector<std::string> labels(n, "O");
  for (const Span& s : spans) {
    const std::string type(type_name(s.type));
    labels[s.begin] = "B-" + type;
    for (std::uint32_t i = s.begin + 1; i < s.end; ++i) labels[i] = "I-" + type;
  }
  return labels;
}

}  // namespace newsdex::ner
