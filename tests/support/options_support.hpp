#pragma once
// For the tools' option tests: the request a command line describes,
// parsed by the tool's own options as its main() does.
//   const SearchRequest r = test::request_of<QueryOptions>({"--db", "x.db", "--any", "gaza"});
#include <CLI/CLI.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace newsdex::test {

template <class Options>
auto request_of(std::vector<std::string> args) {
  CLI::App app{"test"};
  Options options;
  options.add_to(app);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  app.parse(args);
  return options.request();
}

}  // namespace newsdex::test
