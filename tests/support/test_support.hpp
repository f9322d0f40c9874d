#pragma once
// Helpers shared by the tests: temporary folders, running the built tools,
// reading their JSON output.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("newsdex-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Single-quotes an argument for /bin/sh.
inline std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (const char c : arg) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs a command (argv, quoted for the shell), optionally feeding `input` on
// stdin; captures stdout and stderr.
inline RunResult run(const std::vector<std::string>& argv, const std::string& input = "") {
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path();
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  const fs::path in = dir / ("newsdex-in-" + tag), out = dir / ("newsdex-out-" + tag),
                 err = dir / ("newsdex-err-" + tag);
  write_file(in, input);
  std::string cmd;
  for (const auto& a : argv) cmd += shell_quote(a) + " ";
  cmd += "<" + shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  fs::remove(in);
  fs::remove(out);
  fs::remove(err);
  return r;
}

inline std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

inline const std::string kIndexBin = NEWSDEX_INDEX_BIN;
inline const std::string kQueryBin = NEWSDEX_QUERY_BIN;
inline const std::string kNerBin = NEWSDEX_NER_BIN;
inline const fs::path kSourceDir = NEWSDEX_SOURCE_DIR;

// ../shared/data, or empty when this machine does not have it.
inline fs::path shared_data() {
  fs::path p = NEWSDEX_SHARED_DIR;
  if (const char* env = std::getenv("NEWSDEX_SHARED")) p = env;
  return fs::is_directory(p / "data") ? p / "data" : fs::path();
}

}  // namespace newsdex::test

#define NEWSDEX_REQUIRE_SHARED(dir)                \
  const auto dir = ::newsdex::test::shared_data(); \
  if (dir.empty()) GTEST_SKIP() << "../shared/data is absent (set NEWSDEX_SHARED to its parent to run this)"
