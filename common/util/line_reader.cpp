#include "util/line_reader.hpp"

#include <zlib.h>

#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/errors.hpp"

namespace newsdex {

struct LineReader::GzFile {
  gzFile handle = nullptr;
  ~GzFile() {
    if (handle != nullptr) gzclose(handle);
  }
};

namespace {

constexpr std::size_t kChunk = std::size_t{256} * 1024;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Why a file cannot be opened, and what to do about it when we can tell.
std::string open_error(int err) {
  std::string text = std::string("cannot open (") + (err != 0 ? std::strerror(err) : "out of memory") + ")";
  if (err == EACCES || err == EPERM) text += "; make it readable (chmod u+r) to index it";
  return text;
}

// gzopen reads non-gzip files transparently; for a ".gz" name that would turn
// a corrupt archive into lines of garbage, so check the magic bytes first.
void require_gzip_magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(open_error(errno));
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  if (in.gcount() == 0) throw InputError("empty file, not gzip data; delete it or give it gzip-compressed JSON Lines");
  if (in.gcount() != 2 || magic[0] != 0x1f || magic[1] != 0x8b) {
    throw InputError("not gzip data, although the name ends in .gz; if it is plain JSON Lines, rename it to .jsonl");
  }
}

}  // namespace

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes)
    : file_(std::make_unique<GzFile>()), path_(path), max_line_(max_line_bytes) {
  if (path == "-") {
    file_->handle = gzdopen(dup(STDIN_FILENO), "rb");
  } else {
    if (ends_with(path, ".gz")) require_gzip_magic(path);
    errno = 0;
    file_->handle = gzopen(path.c_str(), "rb");
  }
  if (file_->handle == nullptr) {
    throw InputError(open_error(errno));
  }
  gzbuffer(file_->handle, static_cast<unsigned>(kChunk));
}

LineReader::~LineReader() = default;

// zlib's messages start with the file name, which our diagnostics give already.
std::string LineReader::gz_message(const char* msg, const char* fallback) const {
  std::string text = msg != nullptr && *msg != '\0' ? msg : fallback;
  if (text.rfind(path_ + ": ", 0) == 0) text.erase(0, path_.size() + 2);
  return text;
}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + kChunk);
  const int n = gzread(file_->handle, buf_.data() + old, static_cast<unsigned>(kChunk));
  if (n < 0) {
    int code = 0;
    const char* msg = gzerror(file_->handle, &code);
    error_ = gz_message(msg, "read error");
    buf_.resize(old);
    eof_ = true;
    return false;
  }
  buf_.resize(old + static_cast<std::size_t>(n));
  if (n == 0) {
    eof_ = true;
    // zlib reports a truncated stream only at the end, as a soft error.
    int code = 0;
    const char* msg = gzerror(file_->handle, &code);
    if (code != Z_OK && code != Z_STREAM_END) error_ = gz_message(msg, "read error");
    if (code == Z_BUF_ERROR) error_ = "unexpected end of file (truncated gzip data)";
    return false;
  }
  return true;
}

bool LineReader::next(Line& line) {
  bool skipping = false;  // inside an over-long line
  for (;;) {
    const std::size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      ++line_no_;
      std::string_view text(buf_.data() + pos_, nl - pos_);
      pos_ = nl + 1;
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      line.number = line_no_;
      line.too_long = skipping || text.size() > max_line_;
      line.text = line.too_long ? std::string_view() : text;
      return true;
    }
    if (buf_.size() - pos_ > max_line_) {
      // Drop what we have of the long line but keep looking for its end.
      skipping = true;
      buf_.clear();
      pos_ = 0;
    }
    if (!fill()) {
      if (!error_.empty()) return false;  // a truncated last line is not a line
      if (pos_ >= buf_.size() && !skipping) return false;
      ++line_no_;
      std::string_view text(buf_.data() + pos_, buf_.size() - pos_);
      pos_ = buf_.size();
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      line.number = line_no_;
      line.too_long = skipping || text.size() > max_line_;
      line.text = line.too_long ? std::string_view() : text;
      return true;
    }
  }
}

std::uint64_t LineReader::bytes_consumed() const {
  const auto off = gzoffset(file_->handle);
  return off < 0 ? 0 : static_cast<std::uint64_t>(off);
}

std::string read_whole_file(const std::string& path, std::uint64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(open_error(errno));
  std::string data;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    data.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) {
      throw InputError("larger than the article size limit (" + std::to_string(max_bytes) +
                       " bytes); raise --max-article-bytes to index it");
    }
  }
  if (in.bad()) throw InputError(std::string("read failed (") + std::strerror(errno) + ")");
  return data;
}

}  // namespace newsdex
