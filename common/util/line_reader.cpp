#include "util/line_reader.hpp"

#include <zlib.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/errors.hpp"

namespace newsdex {

namespace {

// Reads start small and double up to kChunk: a big file soon reads in big
// chunks, and a small one (a folder may hold thousands) costs little memory.
constexpr std::size_t kFirstChunk = std::size_t{16} * 1024;
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

// Where the bytes come from: read(buf, n) returns how many it put in `buf`,
// 0 at the end, or -1 after an error (then `error` says why).
struct LineReader::Source {
  virtual ~Source() = default;
  virtual long read(char* buf, std::size_t n) = 0;
  virtual std::uint64_t consumed() const = 0;  // bytes of the input (compressed) so far
  std::string error;
};

namespace {

// A file, through zlib: gzip data is inflated, anything else passed through.
class FileSource : public LineReader::Source {
 public:
  explicit FileSource(const std::string& path) : path_(path) {
    errno = 0;
    handle_ = gzopen(path.c_str(), "rb");
    if (handle_ == nullptr) throw InputError(open_error(errno));
    struct stat st {};
    const auto size = ::stat(path.c_str(), &st) == 0 ? static_cast<std::size_t>(st.st_size) : kChunk;
    gzbuffer(handle_, static_cast<unsigned>(std::clamp(size, kFirstChunk, kChunk)));
  }
  ~FileSource() override { gzclose(handle_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  long read(char* buf, std::size_t n) override {
    const int got = gzread(handle_, buf, static_cast<unsigned>(std::min(n, kChunk)));
    int code = Z_OK;
    const char* msg = gzerror(handle_, &code);
    if (got < 0) {
      error = message(msg);
      return -1;
    }
    if (got == 0 && code != Z_OK && code != Z_STREAM_END) {  // zlib reports a truncated stream at the end
      error = code == Z_BUF_ERROR ? "unexpected end of file (truncated gzip data)" : message(msg);
      return -1;
    }
    return got;
  }
  std::uint64_t consumed() const override {
    const auto off = gzoffset(handle_);
    return off < 0 ? 0 : static_cast<std::uint64_t>(off);
  }

 private:
  // zlib's messages start with the file name, which our diagnostics give already.
  std::string message(const char* msg) const {
    std::string text = msg != nullptr && *msg != '\0' ? msg : "read error";
    if (text.rfind(path_ + ": ", 0) == 0) text.erase(0, path_.size() + 2);
    return text;
  }

  std::string path_;
  gzFile handle_ = nullptr;
};

// A stream such as standard input, read as it comes: zlib's gzread would
// wait for a whole buffer, so a pipe that trickles would be indexed in bursts
// and Ctrl-C would drop what sits in the buffer. Gzip data (known by its
// first two bytes) is inflated on the way, member after member.
class StreamSource : public LineReader::Source {
 public:
  explicit StreamSource(int fd) : fd_(fd) {}
  ~StreamSource() override {
    if (inflating_) inflateEnd(&z_);
  }
  StreamSource(const StreamSource&) = delete;
  StreamSource& operator=(const StreamSource&) = delete;

  long read(char* buf, std::size_t n) override {
    if (!sniffed_ && !sniff()) return -1;
    if (!inflating_) {
      if (pending_.empty()) return raw_read(buf, n);
      const std::size_t k = std::min(n, pending_.size());
      std::memcpy(buf, pending_.data(), k);
      pending_.erase(0, k);
      return static_cast<long>(k);
    }
    return inflate_into(buf, n);
  }
  std::uint64_t consumed() const override { return consumed_; }

 private:
  // Returns as soon as some bytes are there. A signal (EINTR) is an error
  // too: the indexer's handlers only ever ask it to stop.
  long raw_read(char* buf, std::size_t n) {
    const ssize_t got = ::read(fd_, buf, n);
    if (got < 0) {
      error = std::string("read failed (") + std::strerror(errno) + ")";
      return -1;
    }
    consumed_ += static_cast<std::uint64_t>(got);
    return static_cast<long>(got);
  }

  bool sniff() {
    char two[2];
    while (pending_.size() < 2) {
      const long got = raw_read(two, 2 - pending_.size());
      if (got < 0) return false;
      if (got == 0) break;
      pending_.append(two, static_cast<std::size_t>(got));
    }
    sniffed_ = true;
    if (pending_.size() < 2 || static_cast<unsigned char>(pending_[0]) != 0x1f ||
        static_cast<unsigned char>(pending_[1]) != 0x8b) {
      return true;
    }
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {  // 16: gzip framing
      error = "out of memory";
      return false;
    }
    inflating_ = true;
    in_ = pending_;
    pending_.clear();
    z_.next_in = reinterpret_cast<Bytef*>(in_.data());
    z_.avail_in = static_cast<uInt>(in_.size());
    return true;
  }

  long inflate_into(char* buf, std::size_t n) {
    for (;;) {
      if (z_.avail_in == 0) {
        if (raw_eof_) {
          if (member_ended_) return 0;
          error = "unexpected end of file (truncated gzip data)";
          return -1;
        }
        in_.resize(std::clamp(n, kFirstChunk, kChunk));
        const long got = raw_read(in_.data(), in_.size());
        if (got < 0) return -1;
        raw_eof_ = got == 0;
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got);
        continue;
      }
      if (member_ended_) {  // more bytes after a member: the next member
        inflateReset(&z_);
        member_ended_ = false;
      }
      z_.next_out = reinterpret_cast<Bytef*>(buf);
      z_.avail_out = static_cast<uInt>(std::min(n, kChunk));
      const uInt room = z_.avail_out;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_ended_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error = std::string("not valid gzip data (") + (z_.msg != nullptr ? z_.msg : "inflate failed") + ")";
        return -1;
      }
      if (z_.avail_out < room) return static_cast<long>(room - z_.avail_out);
    }
  }

  int fd_;
  bool sniffed_ = false;
  bool inflating_ = false;
  bool member_ended_ = false;
  bool raw_eof_ = false;
  std::string pending_;  // bytes read while sniffing, not yet handed out
  std::string in_;       // compressed input
  z_stream z_{};
  std::uint64_t consumed_ = 0;
};

}  // namespace

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes) : max_line_(max_line_bytes) {
  if (path == "-") {
    source_ = std::make_unique<StreamSource>(STDIN_FILENO);
  } else {
    if (ends_with(path, ".gz")) require_gzip_magic(path);
    source_ = std::make_unique<FileSource>(path);
  }
}

LineReader::~LineReader() = default;

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + chunk_);
  const long n = source_->read(buf_.data() + old, chunk_);
  chunk_ = std::min(chunk_ * 2, kChunk);
  buf_.resize(old + static_cast<std::size_t>(std::max(n, 0L)));
  if (n <= 0) {
    eof_ = true;
    if (n < 0) error_ = source_->error;
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
  return source_->consumed();
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
