// Scale-out: corpus/ indexed as shards (--shards N), and shards served by
// xapian-tcpsrv (--remote), answer exactly as one database of the corpus:
// the same hits in the same order with the same scores and snippets, the
// same totals and the same facet counts.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "test_support.hpp"

namespace newsdex {
namespace {

using nlohmann::json;
using test::run;
using test::TempDir;
namespace fs = std::filesystem;

// Queries of every kind: words, phrases, OR, filters of each type, dates,
// sorting by date (ties!), deep pages, facets wider than the default.
const std::vector<std::vector<std::string>> kQueries = {
    {"ceasefire"},
    {"climate change", "--any", "--limit", "30"},
    {"\"central bank\""},
    {"election", "--sort", "-date", "--limit", "20"},
    {"place:Gaza"},
    {"--person", "Antony Blinken"},
    {"org:Hamas OR org:NASA", "--facets", "25"},
    {"--since", "2000", "--limit", "100", "--facets", "50"},
    {"world", "--offset", "5", "--limit", "15", "--sort", "date"},
    {"climate banker", "--limit", "20"},  // the default: every word, then partial matches
    {"said", "--facets", "0"},
    {"bidn"},  // a spelling suggestion (from shard 0's spelling table)
};

class Shards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    for (const char* shards : {"1", "2", "3"}) {
      const auto r = run(
          {test::kIndexBin, "--db", db(shards), "--json", "--shards", shards, (test::kSourceDir / "corpus").string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db(const std::string& shards) { return (*dir_) / ("shards-" + shards + ".db"); }

  // One query's answer, without the time it took.
  static json answer(std::vector<std::string> where, const std::vector<std::string>& query) {
    std::vector<std::string> args = {test::kQueryBin, "--json"};
    args.insert(args.end(), where.begin(), where.end());
    args.insert(args.end(), query.begin(), query.end());
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    j.erase("elapsed_ms");
    return j;
  }

  // `spelling`: whether the first database is local (Xapian reads no
  // spelling table through xapian-tcpsrv, so remotes make no suggestions).
  static void expect_same_answers(const std::vector<std::string>& where, const std::string& what,
                                  bool spelling = true) {
    for (const auto& q : kQueries) {
      json one = answer({"--db", db("1")}, q);
      const json other = answer(where, q);
      EXPECT_FALSE(one["hits"].empty() && one["suggestion"].is_null())
          << "query " << json(q).dump() << " tests nothing";
      if (!spelling) {
        EXPECT_TRUE(other["suggestion"].is_null());
        one["suggestion"] = nullptr;
      }
      EXPECT_EQ(one, other) << what << ", query " << json(q).dump();
    }
  }

  static TempDir* dir_;
};
TempDir* Shards::dir_ = nullptr;

TEST_F(Shards, AShardedDatabaseIsAFolderOfShardsThatXapianOpensAsOne) {
  EXPECT_TRUE(fs::exists(fs::path(db("1")) / "iamglass"));
  const std::string stub = test::read_file(fs::path(db("3")) / "XAPIANDB");
  EXPECT_EQ(stub, "auto shard-0\nauto shard-1\nauto shard-2\n");
  for (const char* shard : {"shard-0", "shard-1", "shard-2"}) {
    EXPECT_TRUE(fs::exists(fs::path(db("3")) / shard / "iamglass")) << shard;
  }
  // Every article once, spread evenly.
  const json all = answer({"--db", db("3")}, {"--since", "1900", "--limit", "1000", "--facets", "0"});
  std::set<std::string> ids;
  for (const auto& h : all["hits"]) ids.insert(h["id"]);
  EXPECT_EQ(ids.size(), all["hits"].size());
  EXPECT_GE(ids.size(), 40u);
}

TEST_F(Shards, AnswerExactlyAsASingleDatabase) {
  expect_same_answers({"--db", db("2")}, "2 shards");
  expect_same_answers({"--db", db("3")}, "3 shards");
  // The shards named one by one (shard-0 first: its metadata serves all).
  expect_same_answers({"--db", db("2") + "/shard-0", "--db", db("2") + "/shard-1"}, "2 shards by name");
  // Another shard first still answers (every shard carries the schema),
  // only without shard-0's metadata: the same hits, by their own names.
  for (const std::vector<std::string>& q : {std::vector<std::string>{"ceasefire"}, {"place:Gaza"}}) {
    const json first = answer({"--db", db("2") + "/shard-1", "--db", db("2") + "/shard-0"}, q);
    EXPECT_EQ(first["total"], answer({"--db", db("1")}, q)["total"]) << json(q).dump();
  }
}

TEST_F(Shards, BatchesWithTwoThreadsToo) {
  const std::string queries = "ceasefire\n{\"q\":\"election\",\"place\":\"France\"}\nclimate\n";
  const auto one = run({test::kQueryBin, "--db", db("1"), "--batch", "-"}, queries);
  const auto three = run({test::kQueryBin, "--db", db("3"), "--batch", "-", "--threads", "2"}, queries);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(three.exit_code, 0) << three.err;
  auto a = test::json_lines(one.out), b = test::json_lines(three.out);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i].erase("elapsed_ms");
    b[i].erase("elapsed_ms");
    EXPECT_EQ(a[i], b[i]) << "line " << i + 1;
  }
}

TEST_F(Shards, ReindexingKeepsTheShardsAndAnotherCountIsRefused) {
  const auto again =
      run({test::kIndexBin, "--db", db("3"), "--json", "--force", (test::kSourceDir / "corpus").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const json summary = json::parse(again.out);
  EXPECT_EQ(summary["added"], 0);
  EXPECT_EQ(summary["replaced"], 0);
  EXPECT_GE(summary["unchanged"], 40);

  const auto other = run({test::kIndexBin, "--db", db("3"), "--shards", "2", (test::kSourceDir / "corpus").string()});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("has 3 shards, not 2; index it with --shards 3"), std::string::npos) << other.err;
}

std::uintmax_t bytes_under(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

TEST_F(Shards, AFirstBuildIsCompactedWhichChangesNoAnswer) {
  const std::string loose = (*dir_) / "loose.db";
  const auto r =
      run({test::kIndexBin, "--db", loose, "--json", "--compact", "never", (test::kSourceDir / "corpus").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["compacted"], false);
  EXPECT_LT(bytes_under(db("1")), bytes_under(loose) * 9 / 10) << "compaction saved less than 10%";
  for (const auto& q : kQueries) EXPECT_EQ(answer({"--db", loose}, q), answer({"--db", db("1")}, q)) << json(q).dump();
  // A later run compacts only when asked; nothing is left beside the database.
  const auto again =
      run({test::kIndexBin, "--db", loose, "--json", "--compact", "always", (test::kSourceDir / "corpus").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["compacted"], true);
  EXPECT_FALSE(fs::exists(loose + ".old") || fs::exists(loose + ".compacting"));
  EXPECT_EQ(answer({"--db", loose}, {"ceasefire"}), answer({"--db", db("1")}, {"ceasefire"}));
}

// A xapian-tcpsrv serving one shard on loopback, stopped with the test.
class TcpServer {
 public:
  explicit TcpServer(const std::string& database) : port_(free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      // A process group of its own: on SIGTERM, xapian-tcpsrv signals its
      // whole group (its connection processes), which must not be ours.
      setpgid(0, 0);
      // Quiet: it reports each client that hangs up on stderr.
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
             std::to_string(port_).c_str(), database.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready once it accepts a connection.
    for (int i = 0; i < 100 && !accepts(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~TcpServer() {
    if (pid_ > 0) {
      kill(-pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  bool accepts() const {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
  }

 private:
  // A port the kernel has just handed out, so nothing else is likely on it.
  static int free_port() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    close(s);
    return ntohs(a.sin_port);
  }
  int port_;
  pid_t pid_ = -1;
};

bool have_tcpsrv() {
  return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0;
}

TEST_F(Shards, RemoteShardsServedByXapianTcpsrvAnswerAsTheLocalDatabase) {
  if (!have_tcpsrv()) {
    GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian package xapian-tools; scripts/install-packages.sh build "
                    "installs it)";
  }
  const TcpServer first(db("2") + "/shard-0"), second(db("2") + "/shard-1");
  ASSERT_TRUE(first.accepts() && second.accepts()) << "xapian-tcpsrv did not start";
  expect_same_answers({"--remote", first.address(), "--remote", second.address()}, "two remote shards", false);
  expect_same_answers({"--db", db("2") + "/shard-0", "--remote", second.address()}, "a local and a remote shard");
}

TEST_F(Shards, AnUnreachableRemoteIsAClearError) {
  const auto bad = run({test::kQueryBin, "--remote", "localhost", "ceasefire"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("give HOST:PORT"), std::string::npos) << bad.err;
  const auto none = run({test::kQueryBin, "ceasefire"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no database given"), std::string::npos) << none.err;
  // Nothing listens on a port just handed out and closed again.
  const auto down = run({test::kQueryBin, "--remote", "127.0.0.1:1", "ceasefire"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.err.find("cannot reach a remote database"), std::string::npos) << down.err;
}

}  // namespace
}  // namespace newsdex
