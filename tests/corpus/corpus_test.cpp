// Corpus scale, on ../shared/data (skipped when it is absent):
// Reuters-21578 (21,578 articles as gzip JSON Lines, and 1,000 as .txt) and
// the TREC title queries.
#include <cctype>
#include <csignal>
#include <set>

#include "database_support.hpp"
#include "test_support.hpp"
#include "util/line_reader.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

bool plain_word(const std::string& w) {
  static const std::set<std::string> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  if (w.size() < 2 || w.size() > 30 || kOperators.count(w)) return false;
  for (const char c : w) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A phrase of up to four consecutive plain words from the middle of `text`
// (chosen independently of the indexer's own tokenizer), or "".
std::string phrase_from(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  std::vector<std::vector<std::string>> runs(1);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c != ' ' && c != '\n') {
      w += c;
      continue;
    }
    if (w.empty()) {
      continue;
    }
    if (plain_word(w) && c == ' ') {
      runs.back().push_back(w);
    } else {
      if (plain_word(w)) runs.back().push_back(w);
      runs.emplace_back();
    }
    w.clear();
  }
  std::vector<std::string> best;
  for (const auto& r : runs) {
    if (r.size() >= 4) {
      best.assign(r.begin() + static_cast<long>(r.size() / 2 - std::min<std::size_t>(r.size() / 2, 2)),
                  r.begin() + static_cast<long>(r.size() / 2 - std::min<std::size_t>(r.size() / 2, 2) + 4));
      break;
    }
    if (r.size() > best.size()) best = r;
  }
  std::string phrase;
  for (const auto& x : best) phrase += (phrase.empty() ? "" : " ") + x;
  return phrase;
}

// Checks that every article is found by a phrase from its text: one batch
// line per article, `"phrase" id:ID`, each must match exactly that article.
void expect_every_article_found_by_phrase(const std::string& db,
                                          const std::vector<std::pair<std::string, std::string>>& articles) {
  TempDir tmp;
  std::string batch;
  std::size_t asked = 0;
  for (const auto& [id, text] : articles) {
    const std::string phrase = phrase_from(text);
    if (phrase.empty()) continue;
    batch += json{{"id", id}, {"q", "\"" + phrase + "\" id:" + id}, {"limit", 1}}.dump() + "\n";
    ++asked;
  }
  EXPECT_GT(asked, articles.size() * 99 / 100) << "too few articles had a usable phrase";
  test::write_file(tmp / "batch.jsonl", batch);
  const auto r = run({test::kQueryBin, "--db", db, "--threads", "2", "--batch", tmp / "batch.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  const auto answers = test::json_lines(r.out);
  ASSERT_EQ(answers.size(), asked);
  std::size_t missed = 0;
  for (const auto& a : answers) {
    if (a.contains("error") || a["hits"].size() != 1 || a["hits"][0]["id"] != a["id"]) {
      if (++missed <= 10) ADD_FAILURE() << "not found by its phrase: " << a.dump().substr(0, 400);
    }
  }
  EXPECT_EQ(missed, 0u);
}

fs::path reuters_gz(const fs::path& data) {
  return data / "corpora" / "reuters21578" / "reuters21578.jsonl.gz";
}

// Reuters-21578 as (id, text) pairs: the body, or the title when it has none.
std::vector<std::pair<std::string, std::string>> reuters_articles(const fs::path& gz) {
  std::vector<std::pair<std::string, std::string>> articles;
  LineReader reader(gz.string(), 1u << 24);
  for (LineReader::Line line; reader.next(line);) {
    const auto j = json::parse(line.text);
    const std::string body = j["body"];
    articles.emplace_back(j["id"], body.empty() ? j["title"].get<std::string>() : body);
  }
  return articles;
}

TEST(Reuters, JsonLinesGzIndexedAndEveryArticleFoundByAPhrase) {
  NEWSDEX_REQUIRE_SHARED(data);
  const fs::path gz = reuters_gz(data);
  TempDir tmp;
  auto r = run({test::kIndexBin, "--db", tmp / "db", "--json", "--quiet", gz.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  const auto s = json::parse(r.out);
  EXPECT_EQ(s["added"], 21578);
  EXPECT_EQ(s["documents"], 21578);
  EXPECT_EQ(s["errors"], 0);
  EXPECT_EQ(s["warnings"], 2);  // one empty date, one record with no text
  std::cout << "[ info ] indexed 21,578 Reuters articles in " << s["seconds"] << " s (" << s["articles_per_second"]
            << " articles/s)\n";

  const auto articles = reuters_articles(gz);
  ASSERT_EQ(articles.size(), 21578u);
  expect_every_article_found_by_phrase(tmp / "db", articles);

  // Re-running on the unchanged file reads nothing.
  r = run({test::kIndexBin, "--db", tmp / "db", "--json", "--quiet", gz.string()});
  const auto again = json::parse(r.out);
  EXPECT_EQ(again["unchanged"], 21578);
  EXPECT_EQ(again["documents"], 21578);
  EXPECT_EQ(again["read"], 0);  // not a timing: the unchanged file is not even opened

  // TREC title queries run in batch with no errors.
  for (const char* name : {"trec-robust04-titles.txt", "trec-adhoc-51-200-titles.txt", "trec-core17-core18-titles.txt",
                           "trec-robust04-descriptions.txt"}) {
    const fs::path queries = data / "queries" / name;
    const auto q = run({test::kQueryBin, "--db", tmp / "db", "--threads", "2", "--batch", queries.string()});
    EXPECT_EQ(q.exit_code, 0) << name << ": " << q.err;
    const auto answers = test::json_lines(q.out);
    std::size_t lines = 0;
    std::istringstream in(test::read_file(queries));
    for (std::string l; std::getline(in, l);) ++lines;
    EXPECT_EQ(answers.size(), lines) << name;
    std::size_t with_hits = 0;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      EXPECT_FALSE(answers[i].contains("error")) << name << ":" << i + 1 << ": " << answers[i].dump();
      EXPECT_EQ(answers[i]["id"], i + 1);
      if (!answers[i].value("hits", json::array()).empty()) ++with_hits;
    }
    std::cout << "[ info ] " << name << ": " << answers.size() << " queries, " << with_hits << " with hits\n";
  }
}

// A real indexing run of Reuters-21578, stopped at several points: kill -9
// before the first commit and later, SIGINT and SIGTERM. After each one the
// database opens at a commit holding at least what was committed before;
// the last run finishes the job with every article exactly once.
TEST(Reuters, KilledAtSeveralPointsThenFinishedWithNothingLostOrTwice) {
  NEWSDEX_REQUIRE_SHARED(data);
  const fs::path gz = reuters_gz(data);
  TempDir tmp;
  const std::string db = tmp / "db";
  struct Stop {
    std::uint64_t after;  // committed documents to wait for; 0 = as soon as the database exists
    int signal;
  };
  const std::vector<Stop> stops = {{0, SIGKILL},    {2000, SIGKILL},  {5000, SIGINT},
                                   {9000, SIGKILL}, {14000, SIGTERM}, {18000, SIGKILL}};
  for (const auto& stop : stops) {
    SCOPED_TRACE("signal " + std::to_string(stop.signal) + " after " + std::to_string(stop.after));
    const std::uint64_t before = test::committed_documents(db);
    test::Child indexer({test::kIndexBin, "--db", db, "--json", "--quiet", "--commit-every", "1000", gz.string()});
    ASSERT_TRUE(indexer.started());
    ASSERT_TRUE(test::wait_until(indexer, [&] {
      return stop.after == 0 ? fs::exists(fs::path(db) / "iamglass") : test::committed_documents(db) >= stop.after;
    })) << "the run ended before the point to stop it";
    indexer.signal(stop.signal);
    const auto r = indexer.wait();
    EXPECT_EQ(r.exit_code, 128 + stop.signal) << r.err.substr(0, 2000);
    const std::uint64_t after = Xapian::Database(db).get_doccount();  // it opens (or throws)
    EXPECT_GE(after, std::max(before, stop.after)) << "committed articles were lost";
    if (stop.signal != SIGKILL) {
      const auto summary = json::parse(r.out);
      EXPECT_EQ(summary["interrupted"], true);
      EXPECT_EQ(summary["documents"], after);
    }
  }
  const std::uint64_t before = test::committed_documents(db);
  const auto r = run({test::kIndexBin, "--db", db, "--json", "--quiet", gz.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  const auto s = json::parse(r.out);
  EXPECT_EQ(s["added"], 21578 - before);
  EXPECT_EQ(s["unchanged"], before);
  EXPECT_EQ(s["documents"], 21578);

  std::set<std::string> want;
  for (const auto& [id, text] : reuters_articles(gz)) want.insert(id);
  EXPECT_EQ(test::ids_each_once(db), want);
}

TEST(Reuters, TextFilesIndexedAndEveryArticleFoundByAPhrase) {
  NEWSDEX_REQUIRE_SHARED(data);
  const fs::path dir = data / "corpora" / "reuters21578-txt1000";
  TempDir tmp;
  const auto r = run({test::kIndexBin, "--db", tmp / "db", "--json", "--quiet", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  const auto s = json::parse(r.out);
  EXPECT_EQ(s["added"], 1000);
  EXPECT_EQ(s["errors"], 0);
  EXPECT_EQ(s["warnings"], 0);

  std::vector<std::pair<std::string, std::string>> articles;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string text = test::read_file(e.path());
    const auto blank = text.find("\n\n");
    articles.emplace_back(e.path().filename().string(), blank == std::string::npos ? text : text.substr(blank + 2));
  }
  ASSERT_EQ(articles.size(), 1000u);
  expect_every_article_found_by_phrase(tmp / "db", articles);

  // The title of a .txt article comes from its header.
  const auto q = run({test::kQueryBin, "--db", tmp / "db", "--json", "id:reuters21578-00001.txt"});
  EXPECT_EQ(json::parse(q.out)["hits"][0]["title"], "BAHIA COCOA REVIEW");
}

}  // namespace
}  // namespace newsdex
