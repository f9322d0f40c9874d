// newsdex-index --db DB PATH...: index news articles into a Xapian database.
#include "cli/main.hpp"
#include "indexer/index_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Index news articles (.txt, JSON Lines, gzip) into a newsdex database", "newsdex-index"};
  newsdex::IndexOptions options;
  options.add_to(app);
  return newsdex::cli::run_main(app, argc, argv, [&] { return newsdex::run(options); });
}
