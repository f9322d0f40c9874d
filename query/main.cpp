// newsdex-query --db DB [options] QUERY...: search a newsdex database.
#include "cli/main.hpp"
#include "query/query_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Search a newsdex database: ranked hits with highlighted snippets", "newsdex-query"};
  newsdex::QueryOptions options;
  options.add_to(app);
  return newsdex::cli::run_main(app, argc, argv, [&] { return newsdex::run(options); });
}
