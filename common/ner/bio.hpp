#pragma once
// Labelled NER data in the `token<TAB>tag` format of ../shared/data/ner (IOB2, a blank
// line ends a sentence, `-DOCSTART-` starts a document), and conlleval's scoring.
//   auto docs = read_bio("conll2003_train.bio");        // throws InputError with file:line
//   Score s; s.add(gold_spans, predicted_spans); s.overall().f1
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ner/tags.hpp"
#include "ner/tokenizer.hpp"

namespace newsdex::ner {

struct LabeledDocument {
  std::vector<std::string> words;
  std::vector<std::string> labels;  // as in the file: "B-PER", "I-PER", "O"
  std::vector<Sentence> sentences;
};

// Documents of a file. A file without -DOCSTART- lines gives one document per
// sentence (its sentences are not known to belong together). Labels that are not
// O or [BIES]-PER/LOC/ORG/MISC are an error naming the file and line.
std::vector<LabeledDocument> read_bio(const std::filesystem::path& path);

// Every n-th document (index % n == n - 1): the held-out part of a training file.
bool is_held_out(std::size_t document_index, std::size_t every);

// Precision, recall and F1 over exact spans (conlleval's rules).
struct Counts {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const {
    return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
  }
  double recall() const { return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  Counts& operator+=(const Counts& o) {
    gold += o.gold;
    predicted += o.predicted;
    correct += o.correct;
    return *this;
  }
};

class Score {
 public:
  // One sentence's gold and predicted spans.
  void add(const std::vector<Span>& gold, const std::vector<Span>& predicted);
  const Counts& of(Type t) const { return by_type_[static_cast<std::size_t>(t)]; }
  // Micro-average over the types present in the gold data (all four when none is); a
  // type absent from the gold tags (MISC in a PER/LOC/ORG-only file) would only add
  // false positives, so it is reported but left out of the overall figure.
  Counts overall() const;
  bool absent_from_gold(Type t) const { return of(t).gold == 0; }
  std::size_t tokens = 0;

 private:
  std::array<Counts, kTypeCount> by_type_{};
};

}  // namespace newsdex::ner
