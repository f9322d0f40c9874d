#pragma once
// Helpers shared by the tests: temporary folders, running the built tools,
// reading their JSON output.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <csignal>
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

inline void write_gzip(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, data.data(), static_cast<unsigned>(data.size())), static_cast<int>(data.size()));
  gzclose(f);
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

// The lines of a text, without their newlines.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

// Columns a line of UTF-8 takes on a terminal (code points; no colours expected).
inline std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (const char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The code points [start, end) of UTF-8 text, as highlight offsets count them.
inline std::string code_points(const std::string& text, std::size_t start, std::size_t end) {
  std::size_t i = 0, cp = 0, from = std::string::npos;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (cp == start) from = i;
    if (cp == end) break;
    ++cp;
  }
  return from == std::string::npos ? std::string() : text.substr(from, i - from);
}

// Runs a command (argv, quoted for the shell), optionally feeding `input` on
// stdin; captures stdout and stderr.
inline RunResult run(const std::vector<std::string>& argv, const std::string& input = "") {
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path();
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  const fs::path in = dir / ("newsdex-in-" + tag), out = dir / ("newsdex-out-" + tag),
                 err = dir / ("newsdex-err-" + tag);
  write_file(in, input);
  // Text output wraps at COLUMNS (render/wrap.hpp): a test that wants it sets it ("env COLUMNS=40 ...").
  std::string cmd = "env -u COLUMNS ";
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

// A tool running in the background, for tests that signal it or work
// alongside it. Its stdin is `input` (a file or FIFO), its output is
// captured. A child still running when the object goes is killed.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv, const std::string& input = "/dev/null") {
    static int counter = 0;
    const std::string tag = std::to_string(::getpid()) + "-c" + std::to_string(++counter);
    out_ = fs::temp_directory_path() / ("newsdex-out-" + tag);
    err_ = fs::temp_directory_path() / ("newsdex-err-" + tag);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Child() {
    if (pid_ > 0 && running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    fs::remove(out_, ec);
    fs::remove(err_, ec);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool started() const { return pid_ > 0; }
  bool running() {
    if (pid_ <= 0 || done_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) done_ = true;
    return !done_;
  }
  void signal(int sig) const { ::kill(pid_, sig); }
  // Waits for the end; the exit code is 128 + N for a child killed by signal N.
  RunResult wait() {
    if (pid_ > 0 && !done_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      done_ = true;
    }
    RunResult r;
    r.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
    r.out = read_file(out_);
    r.err = read_file(err_);
    return r;
  }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool done_ = false;
  fs::path out_, err_;
};

// Polls `ready` (every few milliseconds, no deadline: ctest's timeout is the
// bound) until it holds; false if `child` ended first.
template <typename Ready>
bool wait_until(Child& child, Ready&& ready) {
  for (;;) {
    if (ready()) return true;
    if (!child.running()) return ready();
    ::usleep(5000);
  }
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
