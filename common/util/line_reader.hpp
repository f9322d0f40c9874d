#pragma once
// Reads a text file line by line, transparently gunzipping, with a bound on
// line length so that a hostile file cannot exhaust memory.
//   LineReader in("news.jsonl.gz", 1 << 20);
//   for (LineReader::Line l; in.next(l);) handle(l.number, l.text);
//   if (!in.error().empty()) report(in.error());
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace newsdex {

class LineReader {
 public:
  struct Line {
    std::string_view text;   // without the line end; valid until the next call
    std::size_t number = 0;  // 1-based
    bool too_long = false;   // longer than the limit: text is empty, the line was skipped
  };

  // `path` "-" reads standard input, as it comes (gzip data is inflated).
  // A name ending in ".gz" must be gzip data. Throws InputError when the
  // file cannot be opened or is not gzip.
  LineReader(const std::string& path, std::size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // False at the end of the input or after a read error (see error()).
  bool next(Line& line);
  // Why reading stopped early ("unexpected end of file" for a truncated .gz).
  const std::string& error() const { return error_; }
  // Lines handed out so far: after an error, the broken one is the next.
  std::size_t lines() const { return line_no_; }
  // Bytes of the file (compressed, for gzip) consumed so far: for progress.
  std::uint64_t bytes_consumed() const;

  // Where the bytes come from (a file through zlib, or a stream read as it
  // comes); defined in line_reader.cpp.
  struct Source;

 private:
  bool fill();

  std::unique_ptr<Source> source_;
  std::size_t max_line_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t line_no_ = 0;
  std::size_t chunk_ = std::size_t{16} * 1024;  // the next read's size: doubles up to 256 KB
  bool eof_ = false;
  std::string error_;
};

// Reads a whole file. Throws InputError (with the reason) when it cannot, or
// when it is larger than `max_bytes`.
std::string read_whole_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace newsdex
