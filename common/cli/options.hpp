#pragma once
// Options the tools share, each a small struct that registers itself on a
// CLI::App (as PISA's tools/app.hpp does):
//   CLI::App app; DatabaseOption db; db.add_to(app);  // --db PATH (required)
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace newsdex::cli {

// A count such as --limit: CLI11 reads "-5" into an unsigned as a huge
// number, so a minus sign is refused here; huge values are capped later.
inline CLI::Validator count_validator() {
  return CLI::Validator(
      [](const std::string& value) {
        return value.find('-') != std::string::npos ? std::string("must be 0 or more, got " + value) : std::string();
      },
      "N");
}

struct DatabaseOption {
  std::string path;
  void add_to(CLI::App& app) {
    app.add_option("--db", path, "Xapian database folder (created by newsdex-index when missing)")
        ->required()
        ->type_name("PATH");
  }
};

// What newsdex-query searches: database folders (--db, plain or sharded)
// and remote databases served by xapian-tcpsrv (--remote HOST:PORT), each
// repeatable, searched as one. At least one is needed (run() checks).
struct SearchDatabasesOption {
  std::vector<std::string> paths;
  std::vector<std::string> remotes;
  void add_to(CLI::App& app) {
    app.add_option("--db", paths, "Database folder made by newsdex-index (repeatable: several are searched as one)")
        ->type_name("PATH")
        ->allow_extra_args(false);
    app.add_option("--remote", remotes,
                   "A database served by xapian-tcpsrv (repeatable, mixable with --db; list shard-0's first)")
        ->type_name("HOST:PORT")
        ->allow_extra_args(false);
  }
};

struct OutputOptions {
  bool json = false;
  std::string color = "auto";
  void add_to(CLI::App& app) {
    app.add_flag("--json", json, "Print JSON instead of text");
    app.add_option("--color", color, "Colour on a terminal: auto (unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
  }
};

struct ThreadsOption {
  unsigned threads = 1;
  void add_to(CLI::App& app, const std::string& what) {
    app.add_option("--threads", threads, what)->check(CLI::Range(1u, 256u))->capture_default_str();
  }
};

}  // namespace newsdex::cli
