#include "ner/bio.hpp"

#include <algorithm>
#include <fstream>

#include "util/errors.hpp"

namespace newsdex::ner {

namespace {

bool valid_label(std::string_view label) {
  if (label == "O") return true;
  if (label.size() < 3 || label[1] != '-') return false;
  if (std::string_view("BIESLU").find(label[0]) == std::string_view::npos) return false;
  return parse_type(label.substr(2)).has_value();
}

}  // namespace

std::vector<LabeledDocument> read_bio(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path.string());
  std::vector<LabeledDocument> docs;
  bool has_docstart = false;
  LabeledDocument current;
  std::uint32_t sentence_begin = 0;
  const auto end_sentence = [&] {
    const auto n = static_cast<std::uint32_t>(current.words.size());
    if (n > sentence_begin) current.sentences.push_back({sentence_begin, n});
    sentence_begin = n;
  };
  const auto end_document = [&] {
    end_sentence();
    if (!current.words.empty()) docs.push_back(std::move(current));
    current = LabeledDocument{};
    sentence_begin = 0;
  };
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      end_sentence();
      continue;
    }
    const auto tab = line.rfind('\t');
    const auto sep = tab != std::string::npos ? tab : line.rfind(' ');
    if (sep == std::string::npos || sep == 0) {
      throw InputError(path.string() + ":" + std::to_string(line_no) +
                       ": error: expected `token<TAB>tag`; fix the line or remove it");
    }
    std::string word = line.substr(0, sep);
    std::string label = line.substr(sep + 1);
    if (word == "-DOCSTART-") {
      has_docstart = true;
      end_document();
      continue;
    }
    if (!valid_label(label)) {
      throw InputError(path.string() + ":" + std::to_string(line_no) + ": error: unknown tag '" + label +
                       "' (expected O or B-/I-PER, LOC, ORG, MISC)");
    }
    current.words.push_back(std::move(word));
    current.labels.push_back(std::move(label));
  }
  end_document();
  if (!has_docstart) {
    // No document boundaries: every sentence is its own document.
    std::vector<LabeledDocument> split;
    for (auto& d : docs) {
      for (const Sentence s : d.sentences) {
        LabeledDocument one;
        one.words.assign(d.words.begin() + s.begin, d.words.begin() + s.end);
        one.labels.assign(d.labels.begin() + s.begin, d.labels.begin() + s.end);
        one.sentences.push_back({0, s.end - s.begin});
        split.push_back(std::move(one));
      }
    }
    docs = std::move(split);
  }
  return docs;
}

bool is_held_out(std::size_t document_index, std::size_t every) {
  return every > 0 && document_index % every == every - 1;
}

void Score::add(const std::vector<Span>& gold, const std::vector<Span>& predicted) {
  for (const Span& s : gold) ++by_type_[static_cast<std::size_t>(s.type)].gold;
  for (const Span& s : predicted) {
    auto& c = by_type_[static_cast<std::size_t>(s.type)];
    ++c.predicted;
    if (std::find(gold.begin(), gold.end(), s) != gold.end()) ++c.correct;
  }
}

Counts Score::overall() const {
  const bool any_gold = std::any_of(by_type_.begin(), by_type_.end(), [](const Counts& c) { return c.gold > 0; });
  Counts total;
  for (const Counts& c : by_type_) {
    if (!any_gold || c.gold > 0) total += c;
  }
  return total;
}

}  // namespace newsdex::ner
