#pragma once
// The one place a tool catches: parse options, run, map errors to exit codes.
//   int main(int argc, char** argv) {
//     CLI::App app{"..."}; Options o; o.add_to(app);
//     return newsdex::cli::run_main(app, argc, argv, [&] { return run(o); });
//   }
// Exit codes: what run() returns; 2 for usage, query and database errors.
#include <cctype>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "util/edit_distance.hpp"
#include "util/errors.hpp"

namespace newsdex::cli {

inline constexpr int kExitUsage = 2;

// What to do about a command line the options refused: the option meant by
// a misspelt one ("--lmit": did you mean --limit?), how to search for a
// query that starts with '-' ("-Blair": put '--' before it), else --help.
inline std::string parse_error_hint(const CLI::App& app, int argc, char** argv) {
  const std::string tool = app.get_name();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
    const std::string name(arg.substr(0, arg.find('=')));
    if (app.get_option_no_throw(name) != nullptr) continue;
    // The nearest long option, within two edits.
    std::string best;
    std::size_t best_d = 3;
    for (const CLI::Option* option : app.get_options()) {
      for (const std::string& l : option->get_lnames()) {
        const std::size_t d = edit_distance(name, "--" + l, 2);
        if (d < best_d) {
          best = "--" + l;
          best_d = d;
        }
      }
    }
    if (!best.empty())
      return "'" + name + "' is no option: did you mean " + best + "? (" + tool + " --help lists them)";
    if (arg[1] != '-') {
      return "'" + std::string(arg) +
             "' reads as an option: to leave out articles with a word, quote the whole query " +
             "as one argument (\"Gaza " + std::string(arg) + "\"), or put '--' before a query that starts with '-' (" +
             tool + " --db DB -- " + std::string(arg) + ")";
    }
    return "'" + name + "' is no option of " + tool + " (" + tool + " --help lists them)";
  }
  return tool + " --help lists the options and what they take";
}

template <typename Run>
int run_main(CLI::App& app, int argc, char** argv, Run&& run) {
  const std::string tool = app.get_name();
  app.set_version_flag("--version", tool + " " NEWSDEX_VERSION);
  try {
    app.parse(argc, argv);
    return run();
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string what = e.what();
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    std::cerr << tool << ": error: " << what << '\n' << tool << ": hint: " << parse_error_hint(app, argc, argv) << '\n';
    return kExitUsage;
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
