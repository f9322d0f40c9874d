#include <fcntl.h>

#include "test_support.hpp"
#include "util/date.hpp"
#include "util/diagnostics.hpp"
#include "util/errors.hpp"
#include "util/hash.hpp"
#include "util/json_text.hpp"
#include "util/line_reader.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

using test::TempDir;

struct SanitizeCase {
  std::string input, expected;
  std::size_t invalid, controls, first_line;
};

TEST(Utf8, SanitizeReplacesInvalidSequencesAndControls) {
  const std::vector<SanitizeCase> cases = {
      {"plain ascii", "plain ascii", 0, 0, 0},
      {"Z\xC3\xBCrich S\xC3\xA3o Paulo \xE2\x80\x9Cquote\xE2\x80\x9D",
       "Z\xC3\xBCrich S\xC3\xA3o Paulo \xE2\x80\x9Cquote\xE2\x80\x9D", 0, 0, 0},
      {"caf\xE9", "caf\xEF\xBF\xBD", 1, 0, 1},                                            // Latin-1 byte
      {"a\nb\n\xFF\xFE", "a\nb\n\xEF\xBF\xBD\xEF\xBF\xBD", 2, 0, 3},                      // line of the first one
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2, 0, 1},                                  // overlong '/'
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, 0, 1},                  // surrogate
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4, 0, 1},  // > U+10FFFF
      {"cut \xE2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD", 2, 0, 1},                          // truncated at the end
      {std::string("nul\0byte", 8), "nul byte", 0, 1, 1},
      {"tab\tand\r\nnewline\x1b[1m", "tab\tand\r\nnewline [1m", 0, 1, 2},
  };
  for (const auto& c : cases) {
    std::string text = c.input;
    const auto report = utf8::sanitize(text);
    EXPECT_EQ(text, c.expected) << c.input;
    EXPECT_EQ(report.invalid, c.invalid) << c.input;
    EXPECT_EQ(report.controls, c.controls) << c.input;
    EXPECT_EQ(report.first_line, c.first_line) << c.input;
  }
}

TEST(Utf8, LengthCountsCodePoints) {
  EXPECT_EQ(utf8::length("Z\xC3\xBCrich"), 6u);
  EXPECT_EQ(utf8::length(""), 0u);
  EXPECT_EQ(utf8::length("\xE2\x80\xA6"), 1u);
}

TEST(Utf8, CutAtWord) {
  EXPECT_EQ(utf8::cut_at_word("Talks resume in Cairo", 14), "Talks resume");
  EXPECT_EQ(utf8::cut_at_word("short", 14), "short");
  EXPECT_EQ(utf8::cut_at_word("Supercalifragilistic", 5), "Super");
  // Never splits a multi-byte character: "Zü" is 3 bytes.
  EXPECT_EQ(utf8::cut_at_word("Z\xC3\xBCrich", 2), "Z");
  EXPECT_EQ(utf8::cut_at_word("Israel, Gaza and Egypt", 8), "Israel");
}

TEST(Utf8, LettersOnly) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"Blair", true}, {"Zürich", true}, {"O'Neill", true}, {"Москва", true}, {"", false},
      {"G7", false},   {"U.S.", false},  {"al-Qaeda", false}, {"oil*", false}, {"£35bn", false},
      {"£", false},    {"€uro", false},  {"¥en", false}};
  for (const auto& [word, letters] : cases) EXPECT_EQ(utf8::letters_only(word), letters) << word;
}

TEST(Date, ParsesIsoDatesAndChecksTheCalendar) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"2021-05-21", "2021-05-21"},
                                                                  {"2020-02-29", "2020-02-29"},
                                                                  {"2000-02-29", "2000-02-29"},
                                                                  {"2021-05-21T10:00:00Z", "2021-05-21"},
                                                                  {"2021-02-30", ""},
                                                                  {"1900-02-29", ""},
                                                                  {"2021-13-01", ""},
                                                                  {"2021-5-21", ""},
                                                                  {"21/05/2021", ""},
                                                                  {"May 21, 2021", ""},
                                                                  {"", ""},
                                                                  {"2021-05-2x", ""}};
  for (const auto& [in, want] : cases) {
    const auto d = parse_iso_date(in);
    EXPECT_EQ(d ? d->iso() : "", want) << in;
  }
  EXPECT_EQ(parse_iso_date("2021-05-21")->compact(), "20210521");
}

TEST(Date, CompactFormsRoundTrip) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"20210521", "2021-05-21"}, {"20240229", "2024-02-29"},
                                                                  {"20230229", ""},           {"2021052", ""},
                                                                  {"2021-05-21", ""},         {"2021052x", ""},
                                                                  {"00000101", ""}};
  for (const auto& [in, want] : cases) {
    const auto d = parse_compact_date(in);
    EXPECT_EQ(d ? d->iso() : "", want) << in;
  }
  const Date d{2021, 5, 21};
  EXPECT_EQ(d.compact_month(), "202105");
  EXPECT_EQ(d.compact_year(), "2021");
  EXPECT_EQ(parse_compact_date(d.compact()), d);
}

TEST(Date, ReadsTheFormsNewsUses) {
  struct Case {
    std::string text, iso, rest;  // rest: what follows the date; iso "" = not a date
  };
  const std::vector<Case> cases = {
      {"2021-05-21 As Israel", "2021-05-21", " As Israel"},
      {"2021-05-21T10:00:00Z text", "2021-05-21", " text"},
      {"2021-05-21 10:30 GMT Officials said", "2021-05-21", " Officials said"},
      {"2021/05/21", "2021-05-21", ""},
      {"2021.05.21", "2021-05-21", ""},
      {"20210521", "2021-05-21", ""},
      {"21 May 2021 Text", "2021-05-21", " Text"},
      {"May 21, 2021 Text", "2021-05-21", " Text"},
      {"Sept. 3, 2020", "2020-09-03", ""},
      {"3rd March 2020", "2020-03-03", ""},
      {"Friday, May 21, 2021 The", "2021-05-21", " The"},
      {"Fri, 21 May 2021 10:00:00 +0000", "2021-05-21", ""},
      {"Thu, 01 Jan 1987 00:00:00 EST", "1987-01-01", ""},
      {"05/06/2021", "", ""},  // day or month first? refused
      {"2021-02-30", "", ""},  // no such day
      {"31 February 2021", "", ""},
      {"Friday text", "", ""},
      {"12345678", "", ""},  // not a plausible compact date
      {"May the fourth", "", ""},
      {"", "", ""},
  };
  for (const auto& c : cases) {
    const auto d = parse_news_date(c.text);
    EXPECT_EQ(d ? d->date.iso() : "", c.iso) << c.text;
    if (d) {
      EXPECT_EQ(c.text.substr(d->length), c.rest) << c.text;
    }
  }
  EXPECT_EQ(parse_news_date_only(" Fri, 21 May 2021 10:00:00 +0000 ")->iso(), "2021-05-21");
  EXPECT_FALSE(parse_news_date_only("2021-05-21 and more"));
}

TEST(Date, BoundsWidenTowardsTheirSide) {
  EXPECT_EQ(parse_date_bound("2021", Bound::lower)->compact(), "20210101");
  EXPECT_EQ(parse_date_bound("2021", Bound::upper)->compact(), "20211231");
  EXPECT_EQ(parse_date_bound("2024-02", Bound::upper)->compact(), "20240229");
  EXPECT_EQ(parse_date_bound("2023-02", Bound::upper)->compact(), "20230228");
  EXPECT_EQ(parse_date_bound("2021-05-21", Bound::upper)->compact(), "20210521");
  EXPECT_FALSE(parse_date_bound("2021-13", Bound::lower));
  EXPECT_FALSE(parse_date_bound("yesterday", Bound::lower));
}

TEST(Hash, IsStableAndSeparatesFields) {
  EXPECT_EQ(Hasher().add("abc").hex(), Hasher().add("abc").hex());
  EXPECT_NE(Hasher().add("ab").add("c").hex(), Hasher().add("a").add("bc").hex());
  EXPECT_EQ(Hasher().add("x").hex().size(), 16u);
  // Stored in databases: must never change. (FNV-1a 64 of "newsdex" then 0xFF, computed independently.)
  EXPECT_EQ(Hasher().add("newsdex").hex(), "8624c68b53bfb884");
}

TEST(JsonText, DepthAndErrorText) {
  EXPECT_EQ(json_depth("{\"a\":[1,{\"b\":2}]}"), 3u);
  EXPECT_EQ(json_depth("\"[[[[\""), 0u);           // brackets inside strings do not count
  EXPECT_EQ(json_depth("{\"a\":\"\\\"[\"}"), 1u);  // nor after an escaped quote
  EXPECT_EQ(json_depth(std::string(1000, '[')), 1000u);
  EXPECT_EQ(json_error_text("[json.exception.parse_error.101] parse error at line 1, column 5: bad"),
            "parse error at column 5: bad");
  EXPECT_EQ(json_error_text("plain"), "plain");
  // nlohmann quotes what it read byte by byte: half a character must not make the message invalid UTF-8.
  std::string text = json_error_text(
      "[json.exception.parse_error.101] parse error at line 1, column 2: invalid BOM; last read: '\xEF\xBF'");
  EXPECT_EQ(text.rfind("parse error at column 2: invalid BOM; last read: '\xEF\xBF\xBD", 0), 0u) << text;
  EXPECT_FALSE(utf8::sanitize(text).changed()) << text;
}

TEST(Diagnostics, FormatLikeACompiler) {
  EXPECT_EQ(format_diagnostic({"corpus/a.jsonl", 17, Severity::error, "bad JSON; skipped", ""}),
            "corpus/a.jsonl:17: error: bad JSON; skipped");
  EXPECT_EQ(format_diagnostic({"a.txt", 0, Severity::warning, "no date", "undated"}), "a.txt: warning: no date");
  EXPECT_EQ(format_diagnostic({"", 0, Severity::error, "oops", ""}), "error: oops");
}

TEST(Diagnostics, AWarningManyArticlesHaveIsPrintedAFewTimesThenCounted) {
  CollectingDiagnostics printed;
  SummarizingDiagnostics summarized(printed, 2);
  CountingDiagnostics counted(summarized);
  for (std::size_t line = 1; line <= 5; ++line) counted.warning("a.jsonl", line, "no date", "undated");
  counted.warning("a.jsonl", 6, "something else");  // no kind: always printed
  counted.warning("a.jsonl", 7, "id given twice", "duplicate-id");
  counted.error("a.jsonl", 8, "bad JSON; skipped");
  summarized.finish();
  std::vector<std::string> lines;
  for (const auto& d : printed.all) lines.push_back(format_diagnostic(d));
  EXPECT_EQ(lines,
            (std::vector<std::string>{"a.jsonl:1: warning: no date", "a.jsonl:2: warning: no date",
                                      "a.jsonl:6: warning: something else", "a.jsonl:7: warning: id given twice",
                                      "a.jsonl:8: error: bad JSON; skipped",
                                      "warning: ... and 3 more articles without a date (--verbose prints each)"}));
  EXPECT_EQ(counted.warnings, 7u);
  EXPECT_EQ(counted.warnings_by_kind,
            (std::map<std::string, std::size_t>{{"duplicate-id", 1}, {"other", 1}, {"undated", 5}}));
}

std::vector<std::pair<std::size_t, std::string>> all_lines(LineReader& r) {
  std::vector<std::pair<std::size_t, std::string>> out;
  for (LineReader::Line l; r.next(l);) out.emplace_back(l.number, l.too_long ? "<too long>" : std::string(l.text));
  return out;
}

TEST(LineReader, ReadsPlainAndGzipAlike) {
  TempDir dir;
  const std::string data = "one\r\ntwo\n\nfour";  // CRLF, empty line, no final newline
  test::write_file(dir / "a.jsonl", data);
  test::write_gzip(dir / "a.jsonl.gz", data);
  const std::vector<std::pair<std::size_t, std::string>> want = {{1, "one"}, {2, "two"}, {3, ""}, {4, "four"}};
  for (const auto* name : {"a.jsonl", "a.jsonl.gz"}) {
    LineReader r(dir / name, 100);
    EXPECT_EQ(all_lines(r), want) << name;
    EXPECT_EQ(r.error(), "") << name;
  }
}

TEST(LineReader, SkipsOverLongLinesButKeepsCounting) {
  TempDir dir;
  test::write_file(dir / "a.jsonl", "short\n" + std::string(1000000, 'x') + "\nafter\n" + std::string(50, 'y'));
  LineReader r(dir / "a.jsonl", 20);
  const std::vector<std::pair<std::size_t, std::string>> want = {
      {1, "short"}, {2, "<too long>"}, {3, "after"}, {4, "<too long>"}};
  EXPECT_EQ(all_lines(r), want);
}

TEST(LineReader, ReportsTruncatedGzip) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "{\"id\":" + std::to_string(i) + ",\"body\":\"some text here\"}\n";
  test::write_gzip(dir / "full.jsonl.gz", lines);
  const std::string gz = test::read_file(dir / "full.jsonl.gz");
  test::write_file(dir / "cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  LineReader r(dir / "cut.jsonl.gz", 1000);
  const auto got = all_lines(r);
  EXPECT_GT(got.size(), 100u);
  EXPECT_LT(got.size(), 20000u);
  EXPECT_NE(r.error().find("unexpected end of file"), std::string::npos) << r.error();
  EXPECT_EQ(r.error().find("cut.jsonl.gz"), std::string::npos) << "the caller names the file: " << r.error();
  // Every line handed out is complete.
  for (const auto& [n, text] : got) EXPECT_EQ(text.back(), '}') << n;
}

TEST(LineReader, RejectsGzNameWithoutGzipData) {
  TempDir dir;
  test::write_file(dir / "fake.jsonl.gz", "{\"id\":1}\n");
  EXPECT_THROW(LineReader(dir / "fake.jsonl.gz", 100), InputError);
  EXPECT_THROW(LineReader(dir / "missing.jsonl", 100), InputError);
}

// Standard input replaced by `fd` for the life of the object.
class StdinFrom {
 public:
  explicit StdinFrom(int fd) : saved_(::dup(STDIN_FILENO)) { ::dup2(fd, STDIN_FILENO); }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }
  StdinFrom(const StdinFrom&) = delete;
  StdinFrom& operator=(const StdinFrom&) = delete;

 private:
  int saved_;
};

std::vector<std::pair<std::size_t, std::string>> stdin_lines(const std::string& file, std::string& error) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  EXPECT_GE(fd, 0);
  const StdinFrom redirect(fd);
  ::close(fd);
  LineReader r("-", 100);
  auto lines = all_lines(r);
  error = r.error();
  return lines;
}

TEST(LineReader, StandardInputPlainOrGzipMemberAfterMember) {
  TempDir dir;
  const std::vector<std::pair<std::size_t, std::string>> want = {{1, "one"}, {2, "two"}, {3, "three"}};
  test::write_file(dir / "plain", "one\ntwo\nthree\n");
  test::write_gzip(dir / "a.gz", "one\ntwo\n");
  test::write_gzip(dir / "b.gz", "three\n");
  test::write_file(dir / "two-members.gz", test::read_file(dir / "a.gz") + test::read_file(dir / "b.gz"));
  std::string error;
  EXPECT_EQ(stdin_lines(dir / "plain", error), want);
  EXPECT_EQ(error, "");
  EXPECT_EQ(stdin_lines(dir / "two-members.gz", error), want);
  EXPECT_EQ(error, "");

  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "{\"id\":" + std::to_string(i) + "}\n";
  test::write_gzip(dir / "full.gz", lines);
  const std::string gz = test::read_file(dir / "full.gz");
  test::write_file(dir / "cut.gz", gz.substr(0, gz.size() / 2));
  const auto got = stdin_lines(dir / "cut.gz", error);
  EXPECT_GT(got.size(), 100u);
  EXPECT_LT(got.size(), 20000u);
  EXPECT_EQ(error, "unexpected end of file (truncated gzip data)");
  test::write_file(dir / "bad.gz", std::string("\x1f\x8b\x07", 3) + std::string(100, '\0'));  // method 7: no such
  stdin_lines(dir / "bad.gz", error);
  EXPECT_EQ(error.rfind("not valid gzip data (", 0), 0u) << error;
}

// A pipe is read as it comes: a line is handed out as soon as it is there,
// not when a buffer is full (this would hang until ctest's timeout).
TEST(LineReader, StandardInputIsReadAsItComes) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const StdinFrom redirect(pipe_fds[0]);
  ::close(pipe_fds[0]);
  LineReader r("-", 100);
  LineReader::Line line;
  for (const std::string text : {"first", "second"}) {
    const std::string data = text + "\n";
    ASSERT_EQ(::write(pipe_fds[1], data.data(), data.size()), static_cast<ssize_t>(data.size()));
    ASSERT_TRUE(r.next(line));
    EXPECT_EQ(line.text, text);
  }
  ::close(pipe_fds[1]);
  EXPECT_FALSE(r.next(line));
  EXPECT_EQ(r.error(), "");
}

TEST(ReadWholeFile, EnforcesTheSizeLimit) {
  TempDir dir;
  test::write_file(dir / "a.txt", std::string(2000, 'a'));
  EXPECT_EQ(read_whole_file(dir / "a.txt", 2000).size(), 2000u);
  EXPECT_THROW(read_whole_file(dir / "a.txt", 1999), InputError);
  EXPECT_THROW(read_whole_file(dir / "none.txt", 10), InputError);
}

}  // namespace
}  // namespace newsdex
