#include "tagger/ner_command.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "article/article_parser.hpp"
#include "article/corpus_reader.hpp"
#include "entities/names.hpp"
#include "ner/bio.hpp"
#include "ner/model.hpp"
#include "ner/tagger.hpp"
#include "ner/trainer.hpp"
#include "render/render.hpp"
#include "util/diagnostics.hpp"
#include "util/errors.hpp"
#include "util/line_reader.hpp"

namespace newsdex {

void NerOptions::add_to(CLI::App& app) {
  app.require_subcommand(1);
  train = app.add_subcommand("train", "Train a model from token<TAB>tag files (IOB2, as in ../shared/data/ner)");
  train->add_option("FILE", train_files, "Training files; FILE:WEIGHT scales a file's updates (e.g. silver.bio:0.3)")
      ->required();
  train->add_option("-o,--output", output, "Where to write the model")->capture_default_str();
  train->add_option("--gazetteers", gazetteers, "Folder of name lists (../shared/data/gazetteers)")->required();
  train->add_option("--lists", lists, "Folder of the project's own name lists (tagger/lists)");
  train->add_option("--clusters", clusters, "Brown word clusters (bitstring<TAB>word<TAB>count), see tools/");
  train->add_option("--entity-list", entity_lists,
                    "Labelled file whose entity strings become name lists (features), e.g. gmb_voa.bio");
  train
      ->add_option("--names", names,
                   "Name tables for canonical entities (kind<TAB>form[<TAB>canonical]), stored in the model")
      ->check(CLI::ExistingFile);
  train->add_option("--epochs", epochs, "Passes over the training data")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  train
      ->add_option("--holdout-every", holdout_every,
                   "Hold out every N-th document of each file and report F1 on those of the first after each epoch")
      ->capture_default_str();
  train->add_option("--prune", prune, "Drop features whose largest averaged weight is below this")
      ->capture_default_str();
  train->add_option("--seed", seed, "Shuffling seed")->capture_default_str();
  train->add_option("--runs", runs, "Train this many times in other orders (seeds SEED, SEED+1, ...) and average them")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();

  eval = app.add_subcommand("eval", "Score the model on a token<TAB>tag file (conlleval's exact-span rules)");
  eval->add_option("FILE", eval_file, "The labelled file")->required();
  eval->add_option("--holdout-every", holdout_every, "Score only every N-th document (the part train held out)");
  eval->add_flag("--json", json, "Print JSON");
  eval->add_option(
      "--predictions", predictions,
      "Also write token<TAB>gold<TAB>predicted lines (IOB2, a blank line between sentences), as conlleval reads");
  eval->add_option("--model", model, "Model file (default: the installed one)");

  tag = app.add_subcommand("tag", "Print the entities of articles (.txt, .jsonl, .jsonl.gz, folders; stdin if none)");
  tag->add_option("PATH", tag_inputs, "Articles, as newsdex-index reads them; - or nothing for standard input");
  tag->add_flag("--json", json, "Print one JSON object per article");
  tag->add_flag("--bio", bio, "Print token<TAB>tag lines (IOB2; a blank line after each sentence), as eval reads");
  tag->add_option("--model", model, "Model file (default: the installed one)");

  tokenize = app.add_subcommand(
      "tokenize", "Print articles as the tagger tokenizes them: one sentence a line, tokens between spaces");
  tokenize->add_option("PATH", tag_inputs, "Articles, as newsdex-index reads them; - or nothing for standard input");
  tokenize->add_option("--bio", bio_columns, "Also print the sentences of these token<TAB>tag files");
}

namespace {

ner::TrainFile parse_train_file(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon != std::string::npos && colon > 0) {
    try {
      std::size_t used = 0;
      const float w = std::stof(spec.substr(colon + 1), &used);
      if (used == spec.size() - colon - 1) {
        if (!(w > 0)) throw UsageError("weight of " + spec.substr(0, colon) + " must be positive");
        return {spec.substr(0, colon), w};
      }
    } catch (const std::invalid_argument&) {
    } catch (const std::out_of_range&) {
    }
  }
  return {spec, 1.0F};
}

nlohmann::ordered_json counts_json(const ner::Counts& c) {
  const auto round4 = [](double x) { return std::round(x * 10000.0) / 10000.0; };
  return {
      {"precision", round4(c.precision())}, {"recall", round4(c.recall())}, {"f1", round4(c.f1())}, {"gold", c.gold},
      {"predicted", c.predicted},           {"correct", c.correct}};
}

ner::Model load_model(const std::string& path) {
  return ner::Model::load(path.empty() ? ner::default_model_path() : std::filesystem::path(path));
}

// The name tables of the entities stage, checked row by row before training.
std::string read_name_tables(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw InputError(path + ": cannot read the name tables");
  const NameTables tables = NameTables::parse(text, path);
  std::cerr << "name tables: " << tables.rows() << " rows\n";
  return text;
}

int run_train(const NerOptions& o) {
  ner::TrainOptions t;
  for (const auto& spec : o.train_files) t.files.push_back(parse_train_file(spec));
  t.epochs = o.epochs;
  t.holdout_every = o.holdout_every;
  t.prune = o.prune;
  t.seed = o.seed;
  t.runs = o.runs;
  t.clusters = o.clusters;
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::filesystem::path> entity_lists(o.entity_lists.begin(), o.entity_lists.end());
  ner::Gazetteer gazetteer = ner::load_gazetteers(o.gazetteers, entity_lists, o.lists);
  std::cerr << "gazetteer: " << gazetteer.size() << " phrase keys\n";
  // Checked before the long part: a bad table fails with its file and line.
  std::string names;
  if (!o.names.empty()) names = read_name_tables(o.names);
  ner::Model model = ner::train(t, std::move(gazetteer), [](const ner::EpochReport& r) {
    std::cerr << "epoch " << r.epoch << ": " << r.tokens << " tokens, " << r.errors << " errors, " << r.features
              << " features, " << std::fixed << std::setprecision(1) << r.seconds << " s";
    if (r.has_heldout) {
      const auto c = r.heldout.overall();
      std::cerr << std::setprecision(4) << "; held out P " << c.precision() << " R " << c.recall() << " F1 " << c.f1();
    }
    std::cerr << std::endl;
  });
  model.set_names(std::move(names));
  model.save(o.output);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "wrote " << o.output << " (" << model.features() << " features) in " << std::fixed
            << std::setprecision(1) << seconds << " s\n";
  return 0;
}

int run_eval(const NerOptions& o) {
  const ner::Model model = load_model(o.model);
  auto docs = ner::read_bio(o.eval_file);
  if (o.holdout_every > 0) {
    std::vector<ner::LabeledDocument> kept;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (ner::is_held_out(i, o.holdout_every)) kept.push_back(std::move(docs[i]));
    }
    docs = std::move(kept);
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::vector<std::string>> predicted;
  const ner::Score score = ner::evaluate(model, docs, o.predictions.empty() ? nullptr : &predicted);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!o.predictions.empty()) {
    std::ofstream out(o.predictions);
    for (std::size_t d = 0; d < docs.size(); ++d) {
      out << "-DOCSTART-\tO\tO\n\n";
      for (const auto s : docs[d].sentences) {
        for (auto i = s.begin; i < s.end; ++i) {
          out << docs[d].words[i] << '\t' << docs[d].labels[i] << '\t' << predicted[d][i] << '\n';
        }
        out << '\n';
      }
    }
    if (!out.flush()) throw InputError(o.predictions + ": cannot write the predictions");
  }
  if (o.json) {
    nlohmann::ordered_json j;
    j["overall"] = counts_json(score.overall());
    for (int t = 0; t < ner::kTypeCount; ++t) {
      const auto type = static_cast<ner::Type>(t);
      auto c = counts_json(score.of(type));
      if (score.absent_from_gold(type)) c["absent_from_gold"] = true;
      j[std::string(ner::type_name(type))] = c;
    }
    j["tokens"] = score.tokens;
    j["documents"] = docs.size();
    j["seconds"] = std::round(seconds * 1000.0) / 1000.0;
    std::cout << j.dump() << '\n';
    return 0;
  }
  std::cout << o.eval_file << ": " << docs.size() << " documents, " << score.tokens << " tokens, " << std::fixed
            << std::setprecision(2) << seconds << " s\n";
  std::cout << "type   precision  recall     F1    gold  predicted\n";
  const auto line = [](const std::string& name, const ner::Counts& c, const char* note) {
    std::cout << std::left << std::setw(6) << name << std::right << std::fixed << std::setprecision(4) << std::setw(10)
              << c.precision() << std::setw(8) << c.recall() << std::setw(8) << c.f1() << std::setw(8) << c.gold
              << std::setw(11) << c.predicted << note << '\n';
  };
  for (int t = 0; t < ner::kTypeCount; ++t) {
    const auto type = static_cast<ner::Type>(t);
    line(std::string(ner::type_name(type)), score.of(type),
         score.absent_from_gold(type) ? "  (not in the gold tags: left out of overall)" : "");
  }
  line("all", score.overall(), "");
  return 0;
}

// Byte offset -> code point offset, walking forward (offsets come in increasing order).
class CodePointCounter {
 public:
  explicit CodePointCounter(std::string_view text) : text_(text) {}
  std::size_t at(std::size_t byte) {
    if (byte < byte_) {
      byte_ = 0;
      count_ = 0;
    }
    for (; byte_ < byte && byte_ < text_.size(); ++byte_) {
      if ((static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80) ++count_;
    }
    return count_;
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0, count_ = 0;
};

class ErrorsOnly : public DiagnosticSink {
 public:
  explicit ErrorsOnly(DiagnosticSink& next) : next_(next) {}
  void report(Diagnostic d) override {
    if (d.severity == Severity::error) next_.report(std::move(d));
  }

 private:
  DiagnosticSink& next_;
};

// The title is its own text unless it was derived from the body's first sentence.
bool title_is_separate(const Article& a) {
  std::string_view t = a.title;
  if (t.size() >= 3 && t.substr(t.size() - 3) == "\u2026") t.remove_suffix(3);
  return !t.empty() && a.body.compare(0, t.size(), t) != 0;
}

int run_tag(const NerOptions& o) {
  // tokenize needs no model; an empty one keeps a single code path.
  const ner::Model model = o.tokenize->parsed() ? ner::Model{} : load_model(o.model);
  ner::Tagger tagger(model);
  StreamDiagnostics stream(std::cerr);
  ErrorsOnly diagnostics(stream);  // "no date line" and the like do not matter to tagging
  CountingDiagnostics counting(diagnostics);
  CorpusReader reader(ReadLimits{}, counting);
  const auto emit = [&](Article&& a, std::uint64_t) {
    const bool with_title = title_is_separate(a);
    std::vector<std::string_view> texts;
    if (with_title) texts.push_back(a.title);
    texts.push_back(a.body);
    if (o.tokenize->parsed()) {
      for (const auto text : texts) {
        const ner::TokenizedText t = ner::tokenize(text);
        for (const auto s : t.sentences) {
          for (auto i = s.begin; i < s.end; ++i) std::cout << (i == s.begin ? "" : " ") << t.tokens[i].text;
          std::cout << '\n';
        }
      }
      return;
    }
    ner::Tagger::Trace trace;
    const auto mentions = tagger.find(texts, trace);
    if (o.bio) {
      std::size_t base = 0;
      for (const auto& part : trace.parts) {
        std::vector<ner::Tag> tags(trace.tags.begin() + static_cast<std::ptrdiff_t>(base),
                                   trace.tags.begin() + static_cast<std::ptrdiff_t>(base + part.tokens.size()));
        const auto labels = ner::iob2_from_spans(ner::spans_from_tags(tags), tags.size());
        for (const auto s : part.sentences) {
          for (auto i = s.begin; i < s.end; ++i) std::cout << part.tokens[i].text << '\t' << labels[i] << '\n';
          std::cout << '\n';
        }
        base += part.tokens.size();
      }
      return;
    }
    std::vector<CodePointCounter> counters;
    for (const auto t : texts) counters.emplace_back(t);
    const auto field_name = [&](const ner::Mention& m) { return with_title && m.field == 0 ? "title" : "body"; };
    if (o.json) {
      nlohmann::ordered_json entities = nlohmann::ordered_json::array();
      for (const auto& m : mentions) {
        const std::string_view text = texts[m.field];
        entities.push_back({{"type", ner::type_name(m.type)},
                            {"text", text.substr(m.begin, m.end - m.begin)},
                            {"field", field_name(m)},
                            {"start", counters[m.field].at(m.begin)},
                            {"end", counters[m.field].at(m.end)}});
      }
      std::cout << json_line({{"id", a.id}, {"title", a.title}, {"entities", entities}}) << '\n';
      return;
    }
    std::cout << a.id << (a.title.empty() ? "" : ": " + a.title) << '\n';
    for (const auto& m : mentions) {
      const std::string_view text = texts[m.field];
      std::cout << "  " << std::left << std::setw(5) << ner::type_name(m.type) << ' '
                << text.substr(m.begin, m.end - m.begin) << "  (" << field_name(m) << ' '
                << counters[m.field].at(m.begin) << '-' << counters[m.field].at(m.end) << ")\n";
    }
  };
  std::vector<std::string> inputs = o.tag_inputs;
  if (inputs.empty() || (inputs.size() == 1 && inputs[0] == "-")) {
    // Standard input: JSON Lines as newsdex-index reads it, or else one plain-text article.
    std::stringstream all;
    all << std::cin.rdbuf();
    std::string text = all.str();
    const auto first = text.find_first_not_of(" \t\r\n");
    ArticleParser parser(counting);
    if (first != std::string::npos && text[first] == '{') {
      std::istringstream lines(text);
      std::string line;
      for (std::size_t n = 1; std::getline(lines, line); ++n) {
        if (auto a = parser.parse_json_line(line, "stdin", n)) emit(std::move(*a), 0);
      }
    } else if (auto a = parser.parse_text(std::move(text), "stdin", "stdin")) {
      emit(std::move(*a), 0);
    }
    return counting.errors > 0 ? 1 : 0;
  }
  for (const SourceFile& f : reader.discover(inputs)) reader.read(f, emit);
  return counting.errors > 0 ? 1 : 0;
}

}  // namespace

int run(const NerOptions& o) {
  if (o.train->parsed()) return run_train(o);
  if (o.eval->parsed()) return run_eval(o);
  if (o.tokenize->parsed()) {
    for (const auto& file : o.bio_columns) {
      for (const auto& doc : ner::read_bio(file)) {
        for (const auto s : doc.sentences) {
          for (auto i = s.begin; i < s.end; ++i) std::cout << (i == s.begin ? "" : " ") << doc.words[i];
          std::cout << '\n';
        }
      }
    }
    if (!o.bio_columns.empty() && o.tag_inputs.empty()) return 0;
  }
  return run_tag(o);
}

}  // namespace newsdex
