#include "article/corpus_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_set>
#include <utility>

#include "article/article_parser.hpp"
#include "util/errors.hpp"
#include "util/line_reader.hpp"

namespace newsdex {
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

class Walker {
 public:
  Walker(DiagnosticSink& diag, std::vector<SourceFile>& out) : diag_(diag), out_(out) {}

  void input(const std::string& given) {
    struct stat st {};
    if (::lstat(given.c_str(), &st) != 0) {
      diag_.error(given, 0, "no such file or folder; skipped (check the path)");
      return;
    }
    if (::stat(given.c_str(), &st) != 0) {
      diag_.error(given, 0, "broken symbolic link or symlink loop; skipped (fix or remove the link)");
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      std::string root = given;
      while (root.size() > 1 && root.back() == '/') root.pop_back();
      walk(root, root, "", st);
      return;
    }
    if (!S_ISREG(st.st_mode)) {  // a FIFO or device would block or never end
      diag_.error(given, 0, "not a regular file (a pipe or device?); skipped; pipe JSON Lines through '-' instead");
      return;
    }
    SourceFormat format{};
    if (!article_format_of(given, format)) {
      diag_.error(given, 0, "not an article file (expected .txt, .jsonl or .jsonl.gz); skipped");
      return;
    }
    add(given, fs::path(given).filename().string(), format, st);
  }

 private:
  void walk(const std::string& root, const std::string& dir_display, const std::string& rel_dir,
            const struct stat& dir_st) {
    // A folder reached twice (a symlink to an ancestor) would loop forever.
    if (!visited_.insert({dir_st.st_dev, dir_st.st_ino}).second) {
      if (!rel_dir.empty())
        diag_.warning(dir_display, 0, "symbolic link loop (folder already visited); skipped", "symlink");
      return;
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir_display, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) {
      diag_.error(dir_display, 0, "cannot read folder (" + ec.message() + "); skipped (check its permissions)");
      return;
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      if (name.empty() || name[0] == '.') continue;  // hidden
      const std::string path = std::string(dir_display).append("/").append(name);
      const std::string rel = rel_dir.empty() ? name : std::string(rel_dir).append("/").append(name);
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        struct stat lst {};
        if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
          diag_.warning(path, 0, "broken symbolic link or symlink loop; skipped (fix or remove the link)", "symlink");
        } else {
          diag_.error(path, 0, "cannot read file information; skipped");
        }
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        walk(root, path, rel, st);
      } else if (S_ISREG(st.st_mode)) {
        SourceFormat format{};
        if (article_format_of(name, format)) add(path, rel, format, st);
      }
    }
  }

  void add(const std::string& display, const std::string& id, SourceFormat format, const struct stat& st) {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(fs::absolute(display, ec), ec).string();
    if (ec || canonical.empty()) canonical = fs::absolute(display).lexically_normal().string();
    if (!files_.insert(canonical).second) return;  // named twice
    out_.push_back({display, canonical, id, format, static_cast<std::uint64_t>(st.st_size), mtime_ns(st)});
  }

  DiagnosticSink& diag_;
  std::vector<SourceFile>& out_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::unordered_set<std::string> files_;
};

}  // namespace

bool article_format_of(const std::string& filename, SourceFormat& format) {
  if (ends_with(filename, ".txt")) {
    format = SourceFormat::text;
    return true;
  }
  if (ends_with(filename, ".jsonl") || ends_with(filename, ".jsonl.gz")) {
    format = SourceFormat::jsonl;
    return true;
  }
  return false;
}

namespace {
constexpr std::size_t kGiveUpAfter = 100;  // bad JSON lines before a file with no good one is abandoned
}  // namespace

std::vector<SourceFile> CorpusReader::discover(const std::vector<std::string>& inputs) {
  std::vector<SourceFile> files;
  Walker walker(diag_, files);
  bool stdin_seen = false;
  for (const auto& input : inputs) {
    if (input == "-") {
      if (!std::exchange(stdin_seen, true)) files.push_back({"-", "", "", SourceFormat::jsonl, 0, 0});
      continue;
    }
    walker.input(input);
  }
  return files;
}

std::size_t CorpusReader::read(const SourceFile& file, const Emit& emit) {
  CountingDiagnostics counted(diag_);
  ArticleParser parser(counted);
  const std::string label = file.label();
  std::size_t emitted = 0;
  try {
    if (file.format == SourceFormat::text) {
      std::string text = read_whole_file(file.canonical, limits_.max_article_bytes);
      if (auto article = parser.parse_text(std::move(text), file.id, file.display)) {
        article->path = file.canonical;
        emit(std::move(*article), file.size);
        ++emitted;
      }
      return emitted;
    }
    LineReader reader(file.is_stdin() ? "-" : file.canonical, limits_.max_article_bytes);
    for (LineReader::Line line; !stopped() && reader.next(line);) {
      // A binary or foreign file would otherwise print one error per "line".
      if (emitted == 0 && counted.errors >= kGiveUpAfter) {
        diag_.error(label, line.number,
                    "no article in the first " + std::to_string(kGiveUpAfter) +
                        " records, every one of them bad; this does not look like JSON Lines, skipped the rest");
        return emitted;
      }
      if (line.too_long) {
        counted.error(label, line.number,
                      "line longer than " + std::to_string(limits_.max_article_bytes) +
                          " bytes; skipped (raise --max-article-bytes to index it)");
        continue;
      }
      if (auto article = parser.parse_json_line(std::string(line.text), label, line.number)) {
        article->path = file.canonical;
        emit(std::move(*article), reader.bytes_consumed());
        ++emitted;
      }
    }
    if (!reader.error().empty() && !stopped()) {  // a signal interrupts a read from a pipe
      diag_.error(
          label, reader.lines() + 1,
          reader.error() + "; skipped the rest of the file" +
              (emitted > 0 ? " (the " + std::to_string(emitted) + " articles before it were indexed)" : std::string()) +
              "; make the file again (download or compress it again) to index it all");
    }
  } catch (const InputError& e) {
    diag_.error(label, 0, std::string(e.what()) + "; skipped");
  }
  return emitted;
}

}  // namespace newsdex
