// newsdex-ner train|eval|tag: the entity tagger's own tool.
#include "cli/main.hpp"
#include "tagger/ner_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Train, evaluate and run newsdex's entity tagger (people, places, organizations)", "newsdex-ner"};
  newsdex::NerOptions options;
  options.add_to(app);
  return newsdex::cli::run_main(app, argc, argv, [&] { return newsdex::run(options); });
}
