#pragma once
// The one place a tool catches: parse options, run, map errors to exit codes.
//   int main(int argc, char** argv) {
//     CLI::App app{"..."}; Options o; o.add_to(app);
//     return newsdex::cli::run_main(app, argc, argv, [&] { return run(o); });
//   }
// Exit codes: what run() returns; 2 for usage, query and database errors.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "util/errors.hpp"

namespace newsdex::cli {

inline constexpr int kExitUsage = 2;

template <typename Run>
int run_main(CLI::App& app, int argc, char** argv, Run&& run) {
  const std::string tool = app.get_name();
  app.set_version_flag("--version", tool + " " NEWSDEX_VERSION);
  try {
    app.parse(argc, argv);
    return run();
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitUsage;  // --help is not an error
  } catch (const Error& e) {
    std::cerr << tool << ": error: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << tool << ": internal error: " << e.what() << " (please report this)\n";
    return kExitUsage;
  } catch (...) {  // a library's own exception type (Xapian's are not std::exception)
    std::cerr << tool << ": internal error: unknown exception (please report this)\n";
    return kExitUsage;
  }
}

}  // namespace newsdex::cli
