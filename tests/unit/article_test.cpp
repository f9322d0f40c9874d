#include <sys/stat.h>
#include <zlib.h>

#include "article/article_parser.hpp"
#include "article/corpus_reader.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

using test::TempDir;

struct TextCase {
  std::string name, input;
  bool indexed;
  std::string date, title, body_start, url, source;
  std::size_t warnings;
};

TEST(ArticleParser, TextFormats) {
  const std::vector<TextCase> cases = {
      {"sample layout: date and first paragraph on one line",
       " date 2021-05-21 As the truce began, Blinken spoke. More text.\n\nSecond paragraph.\n", true, "2021-05-21",
       "As the truce began, Blinken spoke", "As the truce began", "", "", 0},
      {"header block as in the Reuters .txt files",
       "date 1987-02-26\ntitle BAHIA COCOA REVIEW\n\nShowers continued throughout the week.\n\nMore.\n", true,
       "1987-02-26", "BAHIA COCOA REVIEW", "Showers continued", "", "", 0},
      {"header block with url and source",
       "date 2019-03-15\ntitle Ardern vows reform\nsource Newsdex Wire\nurl https://example.com/a\n\nBody.\n", true,
       "2019-03-15", "Ardern vows reform", "Body.", "https://example.com/a", "Newsdex Wire", 0},
      {"header without a blank line before the body", "date 2021-01-01\nThe body starts here. Second sentence.", true,
       "2021-01-01", "The body starts here", "The body starts here", "", "", 0},
      {"leading blank lines and a byte-order mark", "\xEF\xBB\xBF\n\n  date 2020-01-02 Text.", true, "2020-01-02",
       "Text", "Text.", "", "", 0},
      {"Windows line ends", "date 2020-01-02\r\ntitle T\r\n\r\nLine one.\r\nLine two.\r\n", true, "2020-01-02", "T",
       "Line one.\nLine two.", "", "", 0},
      {"a date in words, then the first paragraph", " date May 21, 2021 The truce held. More.", true, "2021-05-21",
       "The truce held", "The truce held.", "", "", 0},
      {"header keys in any case, with colons",
       "Date: Fri, 21 May 2021 10:00:00 +0000\nTITLE: Truce\nSource: Wire\n\nBody.", true, "2021-05-21", "Truce",
       "Body.", "", "Wire", 0},
      {"no date line: indexed without a date, with a warning", "Just some text about Gaza.", true, "",
       "Just some text about Gaza", "Just some text", "", "", 1},
      {"impossible date", "date 2021-02-30 The body.", true, "", "The body", "The body.", "", "", 1},
      {"date in another format", "date 21/05/2021\ntitle T\n\nBody.", true, "", "T", "Body.", "", "", 1},
      {"invalid UTF-8 is replaced, with a warning", "date 2021-05-21 Caf\xE9 society.", true, "2021-05-21",
       "Caf\xEF\xBF\xBD society", "Caf\xEF\xBF\xBD", "", "", 1},
      {"empty file", "", false, "", "", "", "", "", 0},
      {"only white space", " \n\t\n  \n", false, "", "", "", "", "", 0},
      {"header only, no text", "date 2021-05-21\n\n", false, "", "", "", "", "", 0},
      {"binary data",
       std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0\x01\0\0\0\0\0\0\0\0\0\0\0",
                   32) +
           std::string(200, '\0'),
       false, "", "", "", "", "", 0},
  };
  for (const auto& c : cases) {
    CollectingDiagnostics diag;
    ArticleParser parser(diag);
    const auto a = parser.parse_text(c.input, "x.txt", "dir/x.txt");
    ASSERT_EQ(a.has_value(), c.indexed) << c.name;
    EXPECT_EQ(diag.count(Severity::warning), c.warnings) << c.name;
    for (const auto& d : diag.all) EXPECT_EQ(d.file, "dir/x.txt") << c.name;
    if (!a) {
      EXPECT_EQ(diag.count(Severity::error), 1u) << c.name;
      continue;
    }
    EXPECT_EQ(a->id, "x.txt") << c.name;
    EXPECT_EQ(a->date, c.date) << c.name;
    EXPECT_EQ(a->title, c.title) << c.name;
    EXPECT_EQ(a->body.substr(0, c.body_start.size()), c.body_start) << c.name;
    EXPECT_EQ(a->url, c.url) << c.name;
    EXPECT_EQ(a->source, c.source) << c.name;
  }
}

TEST(ArticleParser, WarningsNameTheLine) {
  CollectingDiagnostics diag;
  ArticleParser(diag).parse_text("date 2021-05-21\ntitle T\n\nfine\nstill fine\nbad \xFF byte\n", "x", "x.txt");
  ASSERT_EQ(diag.all.size(), 1u);
  EXPECT_EQ(diag.all[0].line, 6u);
  EXPECT_NE(diag.all[0].message.find("invalid UTF-8"), std::string::npos);
}

TEST(ArticleParser, DerivesTitlesFromTheFirstSentence) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Talks resumed in Cairo. More follows.", "Talks resumed in Cairo"},
      {"U.S. officials met Mr. Blinken in Washington. Then left.", "U.S. officials met Mr. Blinken in Washington"},
      {"Is this the end? Nobody knows.", "Is this the end?"},
      {"Growth was 3.5 pct in 1986. Analysts said.", "Growth was 3.5 pct in 1986"},
      {"First line without a period\nSecond line.", "First line without a period"},
      {"  spaced   out  words. x", "spaced out words"},
  };
  for (const auto& [body, want] : cases) EXPECT_EQ(ArticleParser::derive_title(body), want) << body;

  const std::string long_sentence =
      "As Israel-Palestine came into effect on May 21, United States Secretary of State Antony Blinken on Friday "
      "that he would visit the Middle East in the upcoming days.";
  const std::string title = ArticleParser::derive_title(long_sentence);
  EXPECT_LE(title.size(), 120u + 3);
  EXPECT_EQ(title.substr(title.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(long_sentence.substr(0, title.size() - 3), title.substr(0, title.size() - 3));
  EXPECT_EQ(long_sentence[title.size() - 3], ' ');  // cut at a word boundary
}

struct JsonCase {
  std::string name, line;
  bool indexed;
  std::string id, date, title;
  std::size_t warnings;
  std::string error_contains;
};

TEST(ArticleParser, JsonLines) {
  const std::vector<JsonCase> cases = {
      {"full record",
       R"({"id":"r-1","date":"1987-02-26","title":"COCOA","body":"Showers.","url":"u","source":"Reuters","topics":["x"]})",
       true, "r-1", "1987-02-26", "COCOA", 0, ""},
      {"no id: FILE:LINE", R"({"date":"2021-05-21","title":"T","body":"B"})", true, "feed.jsonl:7", "2021-05-21", "T",
       0, ""},
      {"integer id", R"({"id":42,"date":"2021-05-21","title":"T","body":"B"})", true, "42", "2021-05-21", "T", 0, ""},
      {"timestamp date", R"({"id":"a","date":"2021-05-21T08:00:00Z","title":"T","body":"B"})", true, "a", "2021-05-21",
       "T", 0, ""},
      {"Unix time in seconds", R"({"id":"a","date":1621591200,"title":"T","body":"B"})", true, "a", "2021-05-21", "T",
       0, ""},
      {"Unix time in milliseconds", R"({"id":"a","date":1621591200000,"title":"T","body":"B"})", true, "a",
       "2021-05-21", "T", 0, ""},
      {"a date of the wrong type", R"({"id":"a","date":[2021],"title":"T","body":"B"})", false, "", "", "", 0,
       "field 'date' must be a string"},
      {"null date", R"({"id":"a","date":null,"title":"T","body":"B"})", true, "a", "", "T", 1, ""},
      {"missing date", R"({"id":"a","title":"T","body":"B"})", true, "a", "", "T", 1, ""},
      {"impossible date", R"({"id":"a","date":"2021-02-30","title":"T","body":"B"})", true, "a", "", "T", 1, ""},
      {"title derived from body", R"({"id":"a","date":"2021-05-21","body":"Talks resumed. More."})", true, "a",
       "2021-05-21", "Talks resumed", 0, ""},
      {"title-only item (empty body)", R"({"id":"a","date":"2021-05-21","title":"BRIEF ITEM","body":""})", true, "a",
       "2021-05-21", "BRIEF ITEM", 0, ""},
      {"invalid UTF-8 inside a string", "{\"id\":\"a\",\"date\":\"2021-05-21\",\"title\":\"Caf\xE9\",\"body\":\"B\"}",
       true, "a", "2021-05-21", "Caf\xEF\xBF\xBD", 1, ""},
      {"bad JSON", R"({"id":"a","body":)", false, "", "", "", 0, "bad JSON"},
      {"not an object", R"(["a","b"])", false, "", "", "", 0, "expected a JSON object"},
      {"no body field", R"({"id":"a","date":"2021-05-21","title":"T"})", false, "", "", "", 0, "no 'body' field"},
      {"body of the wrong type", R"({"id":"a","date":"2021-05-21","title":"T","body":12})", false, "", "", "", 0,
       "field 'body' must be a string"},
      {"id of the wrong type", R"({"id":{"x":1},"body":"B"})", false, "", "", "", 0, "field 'id'"},
      {"empty title and body: kept, with a warning", R"({"id":"a","date":"2021-05-21","title":"","body":"  "})", true,
       "a", "2021-05-21", "", 1, ""},
      {"escaped control characters become spaces",
       R"({"id":"a\u0000b","date":"2021-05-21","title":"T\u0001","body":"x\u001by"})", true, "a b", "2021-05-21", "T",
       1, ""},
      {"invalid UTF-8 and a missing body: only the error", "{\"id\":\"\xFF\",\"title\":\"T\"}", false, "", "", "", 0,
       "no 'body' field"},
      {"nesting bomb", std::string(100, '[') + std::string(100, ']'), false, "", "", "", 0, "nested"},
      // nlohmann throws out_of_range, not parse_error, for this (found by fuzz_jsonl)
      {"a number too big for a double", R"({"id":"a","body":"x","n":1e400})", false, "", "", "", 0,
       "bad JSON (number overflow parsing '1e400')"},
  };
  for (const auto& c : cases) {
    CollectingDiagnostics diag;
    ArticleParser parser(diag);
    const auto a = parser.parse_json_line(c.line, "feed.jsonl", 7);
    ASSERT_EQ(a.has_value(), c.indexed) << c.name;
    EXPECT_EQ(diag.count(Severity::warning), c.warnings) << c.name;
    for (const auto& d : diag.all) {
      EXPECT_EQ(d.file, "feed.jsonl") << c.name;
      EXPECT_EQ(d.line, 7u) << c.name;
    }
    if (!a) {
      ASSERT_EQ(diag.count(Severity::error), 1u) << c.name;
      EXPECT_NE(diag.all.back().message.find(c.error_contains), std::string::npos) << diag.all.back().message;
      EXPECT_NE(diag.all.back().message.find("skipped"), std::string::npos) << c.name;
      continue;
    }
    EXPECT_EQ(a->id, c.id) << c.name;
    EXPECT_EQ(a->date, c.date) << c.name;
    EXPECT_EQ(a->title, c.title) << c.name;
    EXPECT_EQ(a->line, 7u) << c.name;
  }
}

TEST(ArticleParser, BlankJsonLinesAreSilentlyIgnored) {
  CollectingDiagnostics diag;
  EXPECT_FALSE(ArticleParser(diag).parse_json_line("   ", "f", 1));
  EXPECT_TRUE(diag.all.empty());
}

std::vector<std::string> ids_of(const std::vector<SourceFile>& files) {
  std::vector<std::string> ids;
  for (const auto& f : files) ids.push_back(f.id);
  return ids;
}

TEST(CorpusReader, WalksFoldersInStableOrderSkippingHiddenAndOtherFiles) {
  TempDir dir;
  const auto root = dir.path() / "news";
  test::write_file(root / "b.txt", "date 2021-01-01 B.");
  test::write_file(root / "a" / "z.txt", "date 2021-01-01 Z.");
  test::write_file(root / "a" / "c.jsonl", "{\"id\":\"c1\",\"body\":\"x\"}\n");
  test::write_file(root / ".hidden.txt", "date 2021-01-01 hidden.");
  test::write_file(root / ".git" / "x.txt", "date 2021-01-01 hidden.");
  test::write_file(root / "README.md", "not an article");
  std::filesystem::create_directory_symlink("..", root / "a" / "loop");  // a symlink loop
  std::filesystem::create_symlink(root / "nowhere.txt", root / "broken.txt");

  CollectingDiagnostics diag;
  CorpusReader reader({}, diag);
  const auto files = reader.discover({root.string(), (root / "b.txt").string(), (dir.path() / "missing").string()});
  EXPECT_EQ(ids_of(files), (std::vector<std::string>{"a/c.jsonl", "a/z.txt", "b.txt"}));
  EXPECT_EQ(files[0].format, SourceFormat::jsonl);
  EXPECT_EQ(files[1].display, root.string() + "/a/z.txt");
  EXPECT_TRUE(files[1].canonical.front() == '/');
  // The broken link and the missing path are reported; the loop is cut.
  EXPECT_EQ(diag.count(Severity::error), 1u);
  EXPECT_EQ(diag.count(Severity::warning), 2u);
}

TEST(CorpusReader, GivesUpOnAFileThatIsNotJsonLines) {
  TempDir dir;
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += "\x01\xFFnot json at all " + std::to_string(i) + "\n";
  test::write_file(dir / "junk.jsonl", junk);
  CollectingDiagnostics diag;
  CorpusReader reader({}, diag);
  const auto files = reader.discover({dir / "junk.jsonl"});
  EXPECT_EQ(reader.read(files.at(0), [](Article&&, std::uint64_t) {}), 0u);
  EXPECT_EQ(diag.count(Severity::error), 101u);  // not 5000
  EXPECT_NE(diag.all.back().message.find("does not look like JSON Lines"), std::string::npos);
  EXPECT_EQ(diag.all.back().line, 101u);
}

TEST(CorpusReader, RefusesFilesThatAreNotRegular) {
  TempDir dir;
  const std::string fifo = dir / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CollectingDiagnostics diag;
  EXPECT_TRUE(CorpusReader({}, diag).discover({fifo, "/dev/null"}).empty());
  ASSERT_EQ(diag.count(Severity::error), 2u);
  EXPECT_NE(diag.all[0].message.find("not a regular file"), std::string::npos);
}

TEST(CorpusReader, AFileGivenByItselfIsNamedByItsFileName) {
  TempDir dir;
  test::write_file(dir.path() / "x" / "story.txt", "date 2021-01-01 Story.");
  CollectingDiagnostics diag;
  const auto files = CorpusReader({}, diag).discover({(dir.path() / "x" / "story.txt").string()});
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].id, "story.txt");
}

TEST(CorpusReader, ReadsEveryGoodArticleAndReportsTheRest) {
  TempDir dir;
  test::write_file(dir.path() / "feed.jsonl",
                   "{\"id\":\"a\",\"date\":\"2021-01-01\",\"title\":\"A\",\"body\":\"x\"}\n"
                   "{broken\n"
                   "\n"
                   "{\"id\":\"b\",\"date\":\"2021-01-02\",\"title\":\"B\",\"body\":\"y\"}\n");
  test::write_file(dir.path() / "big.txt", "date 2021-01-01 " + std::string(5000, 'x'));
  CollectingDiagnostics diag;
  CorpusReader reader({.max_article_bytes = 1000}, diag);
  std::vector<std::string> ids;
  for (const auto& f : reader.discover({dir.path().string()})) {
    reader.read(f, [&](Article&& a, std::uint64_t) { ids.push_back(a.id); });
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(diag.count(Severity::error), 2u);
  EXPECT_EQ(diag.all[0].file, dir.path().string() + "/big.txt");
  EXPECT_NE(diag.all[0].message.find("size limit"), std::string::npos);
  EXPECT_EQ(diag.all[1].line, 2u);
}

}  // namespace
}  // namespace newsdex
