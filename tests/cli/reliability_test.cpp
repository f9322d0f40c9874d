// Reliability, end to end: the built tools under signals, beside each other
// and on bad input. Everything here runs on data made in a TempDir.
#include <fcntl.h>
#include <sys/stat.h>

#include <set>

#include "database_support.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::Child;
using test::committed_documents;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

// `n` small JSON Lines articles with ids a0, a1...
std::string articles_jsonl(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += json{{"id", "a" + std::to_string(i)},
                {"date", "2021-05-21"},
                {"title", "Item " + std::to_string(i)},
                {"body", "Ceasefire talks, round " + std::to_string(i % 97) + ", word" + std::to_string(i) + "."}}
               .dump() +
           "\n";
  }
  return out;
}

struct SignalCase {
  int signal;
  std::vector<std::string> extra;  // options
  int exit_code;
  std::string name;
  bool strict;
};

TEST(CliSignals, StopBetweenArticlesCommitWhatWasReadAndExit128PlusTheSignal) {
  constexpr std::size_t kArticles = 5000;
  const std::vector<SignalCase> cases = {
      {SIGINT, {}, 130, "SIGINT", false},
      {SIGTERM, {}, 143, "SIGTERM", false},
      {SIGINT, {"--strict"}, 130, "SIGINT", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name + (c.strict ? " --strict" : ""));
    TempDir tmp;
    const std::string db = tmp / "db", feed = tmp / "feed.jsonl";
    test::write_file(feed, articles_jsonl(kArticles));
    std::vector<std::string> args = {test::kIndexBin, "--db", db, "--json", "--commit-every", "100"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    args.push_back(feed);
    Child indexer(args);
    ASSERT_TRUE(indexer.started());
    // A point well inside the run: the first commits (under --strict there
    // are none, so: once the database exists, which is after the handlers).
    const bool reached = test::wait_until(
        indexer, [&] { return c.strict ? fs::exists(fs::path(db) / "iamglass") : committed_documents(db) >= 200; });
    ASSERT_TRUE(reached) << indexer.wait().err;
    indexer.signal(c.signal);
    const auto r = indexer.wait();
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_NE(r.err.find("newsdex-index: interrupted by " + c.name), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("run the same command again to finish"), std::string::npos) << r.err;
    const auto summary = json::parse(r.out);  // the summary is printed all the same
    EXPECT_EQ(summary["interrupted"], true);
    EXPECT_LT(summary["read"], kArticles) << "the run stopped early";
    // What the summary says is in the database is what its last commit holds.
    EXPECT_EQ(summary["documents"], committed_documents(db));
    if (c.strict) {
      EXPECT_EQ(committed_documents(db), 0u);
    } else {
      EXPECT_GE(committed_documents(db), 200u);
      EXPECT_EQ(summary["documents"], summary["read"]) << "every article read was committed";
    }

    // Running again finishes the job: nothing lost, nothing twice.
    const std::uint64_t before = committed_documents(db);
    const auto again = run({test::kIndexBin, "--db", db, "--json", feed});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const auto s = json::parse(again.out);
    EXPECT_EQ(s["interrupted"], false);
    EXPECT_EQ(s["added"], kArticles - before);
    EXPECT_EQ(s["unchanged"], before);
    EXPECT_EQ(test::ids_each_once(db).size(), kArticles);
  }
}

// --- Bad input: one indexer run over a folder of every kind of bad input,
// beside good articles; then one test per case on what it printed.

constexpr std::size_t kLimit = 100000;  // --max-article-bytes for the run

// A binary file: an ELF header and zeros.
std::string binary_bytes() {
  return std::string(
             "\x7F"
             "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0",
             20) +
         std::string(500, '\0') + "\xFF\xFE";
}

// JSON Lines of articles t0, t1... gzipped and cut in the middle.
std::string truncated_gzip(const TempDir& tmp) {
  std::string lines;
  for (int i = 0; i < 3000; ++i)
    lines +=
        "{\"id\":\"t" + std::to_string(i) + "\",\"date\":\"2021-01-01\",\"body\":\"text " + std::to_string(i) + "\"}\n";
  test::write_gzip(tmp.path() / "whole.gz", lines);
  const std::string gz = test::read_file(tmp.path() / "whole.gz");
  return gz.substr(0, gz.size() / 2);
}

struct BadCase {
  std::string name;
  std::string start;   // how its message starts: file:line: severity: what
  std::string advice;  // the part that says what to do
};

void PrintTo(const BadCase& c, std::ostream* out) {
  *out << c.name;
}

class CliBadInput : public ::testing::TestWithParam<BadCase> {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir;
    const std::string in = (*tmp_) / "in";
    auto put = [&](const std::string& name, const std::string& content) {
      test::write_file(fs::path(in) / name, content);
    };
    const std::string nul(1, '\0');
    // Good articles.
    put("good.txt", "date 2021-05-21 A good article about ceasefire talks.\n");
    put("a-good.jsonl",
        "{\"id\":\"g1\",\"date\":\"2021-05-21\",\"body\":\"Good one.\"}\n"
        "{\"id\":\"dup\",\"date\":\"2021-05-21\",\"title\":\"First\",\"body\":\"First of two.\"}\n");
    // Text files.
    put("latin1.txt", "date 2021-05-21 Caf\xE9 society.\n");
    put("nul.txt", "date 2021-05-21 A NUL" + nul + "byte.\n");
    put("binary.txt", binary_bytes());
    put("empty.txt", "");
    put("blank.txt", " \n\t\n  \n");
    put("huge.txt", "date 2021-05-21 " + std::string(10 * kLimit, 'x') + "\n");
    put("no-date.txt", "A story without a date line.\n");
    put("bad-date.txt", "date 2021-02-30 A story on a day that does not exist.\n");
    put("odd-date.txt", "date 05/06/2021 A story with an ambiguous date.\n");
    // Links.
    fs::create_symlink("nowhere.txt", fs::path(in) / "broken.txt");
    fs::create_symlink("loop.txt", fs::path(in) / "loop.txt");
    fs::create_directories(fs::path(in) / "sub");
    fs::create_directory_symlink("..", fs::path(in) / "sub" / "up");
    // JSON Lines.
    const std::vector<std::string> feed = {
        R"({"id":"j1","date":"2021-05-21","body":"Fine."})",
        R"({"id":"j2", "body": )",  // malformed
        R"({"id":"j3","date":"2021-05-21","title":"No body"})",
        R"({"id":"j4","date":"2021-05-21","title":7,"body":"x"})",          // a wrong type
        R"({"id":"j5","body":")" + std::string(2 * kLimit, 'y') + R"("})",  // absurdly long
        R"({"id":"j6","body":"No date."})",
        R"({"id":"j7","date":"2021-02-30","body":"Impossible."})",
        R"({"id":"j8","date":"yesterday","body":"Other format."})",
        "{\"id\":\"j9\",\"date\":\"2021-05-21\",\"body\":\"Caf\xE9.\"}",  // invalid UTF-8
        R"({"id":"dup","date":"2021-05-22","title":"Second","body":"Second of two."})",
        R"({"id":"j11","date":"2021-05-21","body":"A raw NUL )" + nul + R"( byte."})",
        R"({"id":"j12","date":"2021-05-21","body":"x","views":1e400})",  // more than a double holds
    };
    std::string lines;
    for (const auto& line : feed) lines += line + "\n";
    put("feed.jsonl", lines);
    put("junk.jsonl", binary_bytes() + "\n" + binary_bytes() + "\n");
    put("cut.jsonl.gz", truncated_gzip(*tmp_));
    put("plain.jsonl.gz", "{\"id\":\"p1\",\"body\":\"Not compressed.\"}\n");
    put("nothing.jsonl.gz", "");
    // --verbose: every message, also of the warnings printed only a few times by default.
    const auto r = run({test::kIndexBin, "--db", (*tmp_) / "db", "--json", "--verbose", "--max-article-bytes",
                        std::to_string(kLimit), in, in + "/missing.txt"});
    result_ = new test::RunResult(r);
  }
  static void TearDownTestSuite() {
    delete result_;
    delete tmp_;
  }
  // The line of stderr that starts with `start` (the input folder's path is prepended).
  static std::string message(const std::string& start) {
    const std::string prefix = (*tmp_) / ("in/" + start);
    std::istringstream lines(result_->err);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(prefix, 0) == 0) return line;
    }
    return "";
  }
  static TempDir* tmp_;
  static test::RunResult* result_;
};
TempDir* CliBadInput::tmp_ = nullptr;
test::RunResult* CliBadInput::result_ = nullptr;

INSTANTIATE_TEST_SUITE_P(
    EveryCase, CliBadInput,
    ::testing::Values(
        BadCase{"InvalidUtf8Text", "latin1.txt:1: warning: invalid UTF-8 (1 byte(s) replaced",
                "re-save the file as UTF-8"},
        BadCase{"InvalidUtf8Json", "feed.jsonl:9: warning: invalid UTF-8", "re-save the file as UTF-8"},
        BadCase{"NulByteText", "nul.txt:1: warning: 1 control character(s) replaced with spaces", "indexed anyway"},
        BadCase{"NulByteJson", "feed.jsonl:11: warning: 1 control character(s) replaced", "indexed anyway"},
        BadCase{"BinaryText", "binary.txt:1: error: looks like a binary file", "keep only article text files"},
        BadCase{"BinaryJsonLines", "junk.jsonl:1: error: bad JSON", "fix the line or remove it"},
        BadCase{"EmptyText", "empty.txt: error: no text to index", "give it text or delete it"},
        BadCase{"WhiteSpaceText", "blank.txt: error: no text to index", "give it text or delete it"},
        BadCase{"FileOverTheSizeLimit", "huge.txt: error: larger than the article size limit (100000 bytes)",
                "raise --max-article-bytes"},
        BadCase{"BrokenSymlink", "broken.txt: warning: broken symbolic link", "fix or remove the link"},
        BadCase{"SymlinkLoopFile", "loop.txt: warning: broken symbolic link or symlink loop", "fix or remove the link"},
        BadCase{"SymlinkLoopFolder", "sub/up: warning: symbolic link loop (folder already visited)", "skipped"},
        BadCase{"PathThatDoesNotExist", "missing.txt: error: no such file or folder", "check the path"},
        BadCase{"TruncatedGzip",
                "cut.jsonl.gz:", "error: unexpected end of file (truncated gzip data); skipped the rest"},
        BadCase{"NotGzipAtAll", "plain.jsonl.gz: error: not gzip data", "rename it to .jsonl"},
        BadCase{"EmptyGzip", "nothing.jsonl.gz: error: empty file, not gzip data", "delete it"},
        BadCase{"MalformedJson", "feed.jsonl:2: error: bad JSON", "fix the line or remove it"},
        BadCase{"NoBody", "feed.jsonl:3: error: no 'body' field", "give \"body\": \"\""},
        BadCase{"WrongFieldType", "feed.jsonl:4: error: field 'title' must be a string, not number", "skipped"},
        BadCase{"AbsurdlyLongLine", "feed.jsonl:5: error: line longer than 100000 bytes", "raise --max-article-bytes"},
        BadCase{"MissingDateJson", "feed.jsonl:6: warning: no 'date' field", "give \"date\": \"YYYY-MM-DD\""},
        BadCase{"MissingDateText", "no-date.txt:1: warning: no 'date YYYY-MM-DD' line", "add one as the first line"},
        BadCase{"ImpossibleDateJson", "feed.jsonl:7: warning: date '2021-02-30' is not a date we can read",
                "use YYYY-MM-DD"},
        BadCase{"ImpossibleDateText", "bad-date.txt:1: warning: date '2021-02-30' is not a date we can read",
                "write e.g. 'date 2021-05-21'"},
        BadCase{"OtherDateFormatJson", "feed.jsonl:8: warning: date 'yesterday' is not a date we can read",
                "use YYYY-MM-DD"},
        BadCase{"OtherDateFormatText", "odd-date.txt:1: warning: date '05/06/2021' is not a date we can read",
                "write e.g."},
        BadCase{"NumberTooBigForADouble", "feed.jsonl:12: error: bad JSON (number overflow parsing '1e400')",
                "fix the line or remove it"},
        BadCase{"SameIdTwice", "feed.jsonl:10: warning: id 'dup' also at", "this later one wins"}),
    [](const ::testing::TestParamInfo<BadCase>& param) { return param.param.name; });

TEST_P(CliBadInput, IsReportedWithFileLineAndWhatToDo) {
  const BadCase& c = GetParam();
  const std::string line = message(c.start);
  ASSERT_FALSE(line.empty()) << "no message starting " << c.start << " in:\n" << result_->err;
  EXPECT_NE(line.find(c.advice), std::string::npos) << line;
}

TEST_F(CliBadInput, EveryGoodArticleIsIndexedAndTheRunExitsOne) {
  EXPECT_EQ(result_->exit_code, 1) << result_->err;
  const auto summary = json::parse(result_->out);
  std::size_t error_lines = 0;
  for (std::size_t at = 0; (at = result_->err.find(": error: ", at)) != std::string::npos; ++at) ++error_lines;
  EXPECT_EQ(summary["errors"], error_lines);
  EXPECT_EQ(summary["skipped"], error_lines);

  std::set<std::string> want = {"good.txt",     "g1", "dup", "latin1.txt", "nul.txt", "no-date.txt", "bad-date.txt",
                                "odd-date.txt", "j1", "j6",  "j7",         "j8",      "j9",          "j11"};
  // The truncated file: the articles before the break, t0, t1... (and the message says how many).
  const std::string cut = message("cut.jsonl.gz:");
  const auto open = cut.find("(the "), count_end = cut.find(" articles before it were indexed)");
  ASSERT_TRUE(open != std::string::npos && count_end != std::string::npos) << cut;
  const std::size_t before_break = std::stoul(cut.substr(open + 5, count_end - open - 5));
  EXPECT_GT(before_break, 100u);
  EXPECT_NE(cut.find("cut.jsonl.gz:" + std::to_string(before_break + 1) + ": error:"), std::string::npos) << cut;
  for (std::size_t i = 0; i < before_break; ++i) want.insert("t" + std::to_string(i));
  EXPECT_EQ(test::ids_each_once((*tmp_) / "db"), want);

  // The repeated id: the later article won.
  const auto q = run({test::kQueryBin, "--db", (*tmp_) / "db", "--json", "id:dup"});
  EXPECT_EQ(json::parse(q.out)["hits"][0]["title"], "Second") << q.out;
}

// A file nobody may read. Root reads anything, so as root the indexer runs
// without the capabilities that let it (setpriv, from util-linux).
TEST(CliBadInputUnreadable, IsReportedWithWhatToDo) {
  TempDir tmp;
  const std::string file = tmp / "in/secret.txt";
  test::write_file(file, "date 2021-05-21 Secret.\n");
  fs::permissions(file, fs::perms::none);
  std::vector<std::string> argv = {test::kIndexBin, "--db", tmp / "db", "--json", tmp / "in"};
  if (::geteuid() == 0) {
    const std::vector<std::string> drop = {"setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"};
    if (run({drop[0], drop[1], drop[2], drop[3], "true"}).exit_code != 0) {
      GTEST_SKIP() << "running as root and setpriv cannot drop the capabilities that read any file";
    }
    argv.insert(argv.begin(), drop.begin(), drop.end());
  }
  const auto r = run(argv);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(file + ": error: cannot open (Permission denied); make it readable (chmod u+r)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(json::parse(r.out)["skipped"], 1);
}

// --- Database paths that are not newsdex databases: one clear line, exit 2.

TEST(CliDatabasePaths, WhatIsNotADatabaseGetsAClearMessage) {
  TempDir tmp;
  test::write_file(tmp / "file.db", "hello");
  test::write_file(tmp / "articles/a.txt", "date 2021-05-21 An article.");
  fs::create_directory(tmp / "empty");
  {
    Xapian::WritableDatabase foreign(tmp / "foreign", Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
  }
  struct Case {
    std::string tool, db, message;
  };
  const std::vector<Case> cases = {
      {test::kQueryBin, tmp / "missing", "no such database; create it with newsdex-index"},
      {test::kQueryBin, tmp / "file.db", "not a readable Xapian database"},
      {test::kQueryBin, tmp / "empty", "not a readable Xapian database"},
      {test::kQueryBin, tmp / "articles", "not a readable Xapian database"},
      {test::kQueryBin, tmp / "foreign", "not one newsdex-index built"},
      {test::kIndexBin, tmp / "file.db", "is a file, not a database folder"},
      {test::kIndexBin, tmp / "articles", "a folder of other files, not a database"},
      {test::kIndexBin, tmp / "foreign", "not a newsdex database"},
      {test::kIndexBin, "/proc/no/such/place", "cannot open or create the database"},
  };
  for (const auto& c : cases) {
    const bool query = c.tool == test::kQueryBin;
    const auto r = query ? run({c.tool, "--db", c.db, "ceasefire"}) : run({c.tool, "--db", c.db, tmp / "articles"});
    const std::string tool = query ? "newsdex-query" : "newsdex-index";
    EXPECT_EQ(r.exit_code, 2) << tool << " " << c.db << ": " << r.err;
    EXPECT_EQ(r.err.rfind(tool + ": error: " + c.db + ": ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_EQ(r.out, "");
  }
}

// --- Queries: malformed syntax and huge values, on the bundled corpus.

class CliQueries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir;
    const auto r = run({test::kIndexBin, "--db", db(), (test::kSourceDir / "corpus").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete tmp_; }
  static std::string db() { return (*tmp_) / "db"; }
  static TempDir* tmp_;
};
TempDir* CliQueries::tmp_ = nullptr;

std::vector<std::pair<std::string, std::string>> malformed_queries() {
  return {
      {"\"world cup", "unbalanced quote"},
      {"(ceasefire OR truce", "'(' at column 1 is never closed"},
      {"ceasefire)", "')' at column 10 has no matching '('"},
      {"AND", "'AND' at column 1 needs a query on each side"},
      {"ceasefire NOT", "'NOT' at column 11 needs a query after it"},
      {"source:Reuters", "unknown field 'source:'"},
      {"ceasefire date:2021-13..2022", "invalid date '2021-13'"},
      {"date:2022..2021", "the range ends before it starts"},
  };
}

TEST_F(CliQueries, MalformedSyntaxIsReadAsWordsWithANote) {
  struct Case {
    std::string query, same_as, note;
  };
  for (const Case& c : std::vector<Case>{
           {"\"world cup", "world cup", "the '\"' at column 1 is never closed"},
           {"(ceasefire OR truce", "ceasefire OR truce", "the '(' at column 1 has no partner"},
           {"ceasefire)", "ceasefire", "the ')' at column 10 has no partner"},
           {"ceasefire NOT", "ceasefire", "'NOT' at column 11 has nothing to join"},
           {"ceasefire AND", "ceasefire", "'AND' at column 11 has nothing to join"},
           {"source:Reuters ceasefire", "source Reuters ceasefire", "no such field"},
           {"ceasefire person:", "ceasefire", "'person:' at column 11 has no value"},
           {"ceasefire date:2021-13..2022", "ceasefire", "is not a date range"},
       }) {
    const auto r = run({test::kQueryBin, "--db", db(), "--json", "--", c.query});
    ASSERT_EQ(r.exit_code, 0) << c.query << ": " << r.err;
    const auto j = json::parse(r.out);
    const auto same = json::parse(run({test::kQueryBin, "--db", db(), "--json", "--", c.same_as}).out);
    EXPECT_EQ(j["total"], same["total"]) << c.query;
    EXPECT_EQ(j["query"], c.query) << "the query is echoed as written";
    ASSERT_FALSE(j["notes"].empty()) << c.query;
    EXPECT_NE(j["notes"][0].get<std::string>().find(c.note), std::string::npos) << j["notes"];
    // On a terminal too, as a note under the hits.
    const auto text = run({test::kQueryBin, "--db", db(), "--", c.query});
    EXPECT_NE(text.out.find("note: "), std::string::npos) << text.out;
  }
}

TEST_F(CliQueries, MalformedSyntaxAloneIsExitTwoWithAClearMessage) {
  for (const auto& [query, message] : malformed_queries()) {
    const auto r = run({test::kQueryBin, "--db", db(), "--strict-syntax", "--", query});
    EXPECT_EQ(r.exit_code, 2) << query;
    EXPECT_EQ(r.err.rfind("newsdex-query: error: cannot parse query '" + query + "': ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(CliQueries, MalformedSyntaxInABatchIsAnErrorLineAndTheBatchGoesOn) {
  const auto malformed = malformed_queries();
  std::string lines;
  for (const auto& [query, message] : malformed) lines += json{{"q", query}}.dump() + "\nceasefire\n";
  for (const std::string threads : {"1", "2"}) {
    const auto r = run({test::kQueryBin, "--db", db(), "--strict-syntax", "--threads", threads, "--batch", "-"}, lines);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto answers = test::json_lines(r.out);
    ASSERT_EQ(answers.size(), 2 * malformed.size()) << r.out;
    for (std::size_t i = 0; i < malformed.size(); ++i) {
      const auto& bad = answers[2 * i];
      EXPECT_EQ(bad["line"], 2 * i + 1);
      EXPECT_EQ(bad["query"], malformed[i].first);
      EXPECT_NE(bad["error"].get<std::string>().find(malformed[i].second), std::string::npos) << bad;
      EXPECT_EQ(answers[2 * i + 1]["total"]["estimate"], 3) << "the next line is answered";
    }
  }
  // Without --strict-syntax every line is answered, with its note.
  const auto r = run({test::kQueryBin, "--db", db(), "--batch", "-"}, lines);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto answers = test::json_lines(r.out);
  ASSERT_EQ(answers.size(), 2 * malformed.size());
  for (std::size_t i = 0; i < malformed.size(); ++i) {
    EXPECT_FALSE(answers[2 * i].contains("error")) << answers[2 * i];
    EXPECT_FALSE(answers[2 * i]["notes"].empty()) << answers[2 * i];
  }
}

// What users type that only looks like syntax: an ellipsis is not a range,
// and lower-case operators are words.
TEST_F(CliQueries, PunctuationIsNotSyntax) {
  for (const std::string query : {"ceasefire...", "...ceasefire", "ceasefire.. and talks", "ceasefire, or not?"}) {
    const auto r = run({test::kQueryBin, "--db", db(), "--json", "--any", query});
    ASSERT_EQ(r.exit_code, 0) << query << ": " << r.err;
    EXPECT_GE(json::parse(r.out)["total"]["estimate"], 3) << query;
  }
}

TEST_F(CliQueries, HugeValuesAreCappedWithANote) {
  std::string long_query;
  while (long_query.size() < 100000) long_query += "ceasefire OR \"world cup\" OR ";  // a shell argument takes 128 KB
  auto r = run({test::kQueryBin, "--db", db(), "--json", "--limit", "18446744073709551615", "--offset",
                "99999999999999999999", "--snippet-length", "4294967296", long_query});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 500);
  auto j = json::parse(r.out);
  EXPECT_EQ(j["limit"], 10000);
  EXPECT_EQ(j["offset"], 1000000);
  EXPECT_EQ(j["notes"],
            json::array({"query cut to its first " + std::to_string(j["query"].get<std::string>().size()) + " bytes",
                         "limit capped at 10000", "offset capped at 1000000", "snippet length capped at 10000"}));
  EXPECT_LE(j["query"].get<std::string>().size(), 2048u);

  r = run({test::kQueryBin, "--db", db(), "--json", long_query.substr(0, 4000)});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 500);
  const auto short_one = run({test::kQueryBin, "--db", db(), "--json", "ceasefire OR \"world cup\""});
  EXPECT_EQ(json::parse(r.out)["total"], json::parse(short_one.out)["total"]) << "the cut query is still a query";

  std::string huge_line;  // a batch line may be up to 1 MB
  while (huge_line.size() < 1000000) huge_line += "ceasefire OR ";
  r = run({test::kQueryBin, "--db", db(), "--batch", "-"},
          R"({"q":"ceasefire","limit":18446744073709551615,"offset":0})"
          "\n"
          R"({"q":"ceasefire","limit":-1})"
          "\n" +
              huge_line + "gaza\n");
  const auto answers = test::json_lines(r.out);
  ASSERT_EQ(answers.size(), 3u) << r.err;
  EXPECT_EQ(answers[0]["limit"], 10000);
  EXPECT_EQ(answers[1]["error"], "'limit' must be a non-negative integer");
  EXPECT_EQ(answers[2]["total"]["estimate"], 3);
  EXPECT_EQ(answers[2]["notes"][0].get<std::string>().rfind("query cut to its first 20", 0), 0u) << answers[2];

  r = run({test::kQueryBin, "--db", db(), "--limit", "-5", "ceasefire"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--limit: must be 0 or more, got -5"), std::string::npos) << r.err;
}

// --- Side by side: queries while an indexer commits, a second indexer.

// The indexer reads a FIFO that the test feeds 50 articles at a time, so
// it is indexing (and committing every 10) while each batch of queries runs.
// Every answer must come from one commit: all documents match "ceasefire",
// so the count is a multiple of 10, never less than the last batch saw, and
// each hit's stored fields belong to its id.
//
// Not under AddressSanitizer: Xapian 1.4 can read a block while the writer
// rewrites it (one block, two pages, read one after the other), and the
// torn block's lengths run past its buffer. In a Release build the garbage
// throws or is read again (Searcher's on_latest_commit); under ASan the
// over-read inside libxapian ends newsdex-query, and ASan's suppressions
// cannot spare it (they do not reach __asan_memcpy). CI met it once: a
// heap-buffer-overflow read under valuestream_begin() in EntitySpy.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif
TEST(CliConcurrency, BatchQueriesWhileAnIndexerCommitsSeeWholeCommitsOnly) {
  if (kAddressSanitizer) GTEST_SKIP() << "races Xapian's unchecked reads of a block being rewritten (see the comment)";
  constexpr std::size_t kChunk = 50, kChunks = 40, kCommitEvery = 10;
  TempDir tmp;
  const std::string db = tmp / "db", fifo = tmp / "feed";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // O_RDWR: opening does not wait for a reader; O_CLOEXEC: the indexer must not hold a writer end itself.
  const int feed = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(feed, 0);
  Child indexer({test::kIndexBin, "--db", db, "--json", "--quiet", "--commit-every", std::to_string(kCommitEvery), "-"},
                fifo);
  ASSERT_TRUE(indexer.started());
  std::vector<std::string> articles;
  std::istringstream all(articles_jsonl(kChunk * kChunks));
  for (std::string line; std::getline(all, line);) articles.push_back(line + "\n");
  auto send_chunk = [&](std::size_t k) {
    std::string chunk;
    for (std::size_t i = k * kChunk; i < (k + 1) * kChunk; ++i) chunk += articles[i];
    ASSERT_EQ(::write(feed, chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
  };

  // The indexer holds the database while it waits for input: a second one is refused at once.
  ASSERT_TRUE(test::wait_until(indexer, [&] { return fs::exists(fs::path(db) / "iamglass"); }));
  const auto second = run({test::kIndexBin, "--db", db, (test::kSourceDir / "corpus").string()});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_EQ(second.err, "newsdex-index: error: " + db +
                            ": database is locked by another writer; wait for it to finish and retry\n");

  send_chunk(0);
  ASSERT_TRUE(test::wait_until(indexer, [&] { return committed_documents(db) == kChunk; }));
  const std::string batch =
      "{\"id\":\"all\",\"q\":\"ceasefire\",\"limit\":10000}\n"
      "{\"q\":\"talks round\",\"sort\":\"-date\",\"limit\":5}\n"
      "word1*\n"
      "{\"id\":\"all\",\"q\":\"ceasefire\",\"limit\":10000}\n"
      "\"ceasefire talks\" NOT word3\n"
      "{\"id\":\"all\",\"q\":\"ceasefire\",\"limit\":10000}\n";
  std::size_t seen = kChunk, mid_chunk = 0;
  for (std::size_t k = 1; k < kChunks; ++k) {
    send_chunk(k);
    const auto r =
        run({test::kQueryBin, "--db", db, "--threads", "2", "--snippet-length", "60", "--batch", "-"}, batch);
    const auto answers = test::json_lines(r.out);
    for (const auto& answer : answers) ASSERT_FALSE(answer.contains("error")) << answer;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t high = 0;
    for (const auto& answer : answers) {
      if (answer["id"] != "all") continue;
      const std::size_t n = answer["hits"].size();
      EXPECT_EQ(answer["total"]["lower"], n);
      EXPECT_EQ(answer["total"]["upper"], n);
      EXPECT_EQ(n % kCommitEvery, 0u) << "not a whole commit: " << n;
      EXPECT_LE(n, (k + 1) * kChunk) << "more than was sent";
      std::set<std::string> ids;
      for (const auto& hit : answer["hits"]) {
        const std::string id = hit["id"];
        EXPECT_TRUE(ids.insert(id).second) << "twice: " << id;
        EXPECT_EQ(hit["title"], "Item " + id.substr(1));
      }
      EXPECT_GE(n, seen) << "an answer went back to an older commit: " << answer.dump().substr(0, 600);
      high = std::max(high, n);
      if (n % kChunk != 0) ++mid_chunk;
    }
    seen = std::max(seen, high);
  }
  ::close(feed);  // the end of the input: the indexer finishes
  const auto done = indexer.wait();
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(json::parse(done.out)["documents"], kChunk * kChunks);
  EXPECT_EQ(test::ids_each_once(db).size(), kChunk * kChunks);
  std::cout << "[ info ] " << mid_chunk << " answers came from a commit in the middle of a chunk\n";
}

// --- A full disk: a small tmpfs, filled by the indexer, then given room.

// A tmpfs of `size` mounted on a fresh folder, unmounted with the object.
// mounted() is false where this process may not mount (not root, or in a
// container without the capability): the test is skipped then.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) {
    fs::create_directories(dir_.path() / "disk");
    mounted_ = run({"mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", path()}).exit_code == 0;
  }
  ~SmallDisk() {
    if (mounted_) run({"umount", "-l", path()});
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  std::string path() const { return (dir_.path() / "disk").string(); }
  bool grow(const std::string& size) { return run({"mount", "-o", "remount,size=" + size, path()}).exit_code == 0; }

 private:
  TempDir dir_;
  bool mounted_ = false;
};

// `n` articles of varied words (each its own terms), so that the database grows.
std::string wordy_articles_jsonl(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string body = "Report " + std::to_string(i) + ":";
    for (std::size_t w = 0; w < 60; ++w) body += " term" + std::to_string((i * 61 + w * 7919) % 100003);
    out += json{{"id", "w" + std::to_string(i)}, {"date", "2021-05-21"}, {"title", "Report " + std::to_string(i)},
                {"body", body + "."}}
               .dump() +
           "\n";
  }
  return out;
}

TEST(CliDiskFull, AClearErrorTheLastCommitOpensAndARunWithRoomFinishesWithNothingLost) {
  SmallDisk disk("12m");  // about 1,000 of the articles below, uncompacted
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a small tmpfs here (needs root and the mount capability)";
  constexpr std::size_t kArticles = 3000;
  TempDir tmp;  // the input stays on the roomy disk
  const std::string feed = tmp / "feed.jsonl", db = disk.path() + "/news.db";
  test::write_file(feed, wordy_articles_jsonl(kArticles));

  const auto full = run({test::kIndexBin, "--db", db, "-q", "--commit-every", "200", feed});
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("the disk is full: free some space and run the same command again"), std::string::npos)
      << full.err;
  // The database opens at its last commit: whole articles only, each once.
  const std::uint64_t committed = committed_documents(db);
  EXPECT_GT(committed, 0u) << "the first commits fit";
  EXPECT_LT(committed, kArticles);
  EXPECT_EQ(test::ids_each_once(db).size(), committed);
  const auto query = run({test::kQueryBin, "--db", db, "--json", "--limit", "0", "*"});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_EQ(json::parse(query.out)["total"]["lower"], committed);

  ASSERT_TRUE(disk.grow("256m"));
  const auto again = run({test::kIndexBin, "--db", db, "--json", feed});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto summary = json::parse(again.out);
  EXPECT_EQ(summary["added"], kArticles - committed);
  EXPECT_EQ(test::ids_each_once(db).size(), kArticles);
  const auto last = run({test::kQueryBin, "--db", db, "--json", "Report " + std::to_string(kArticles - 1)});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(json::parse(last.out)["hits"][0]["id"], "w" + std::to_string(kArticles - 1));
}

}  // namespace
}  // namespace newsdex
