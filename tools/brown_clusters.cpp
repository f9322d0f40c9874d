// brown_clusters: Brown word clustering (Brown et al. 1992) with the windowed
// algorithm of Percy Liang's thesis ("Semi-Supervised Learning for Natural
// Language", MIT 2005, section 3.2; the "wcluster" program).
//
// Standalone, no dependencies:
//   g++ -std=c++20 -O2 -march=native -o /tmp/brown_clusters tools/brown_clusters.cpp
//   brown_clusters [--clusters C] [--min-count N] [--output FILE] [--verify] FILE...
//
// Input: tokenized text, tokens separated by whitespace, one sentence per line.
// Bigrams are counted inside a line only. Words seen fewer than --min-count times
// are left out (a bigram touching one is dropped).
//
// Output (Liang's `paths` format), one line per word:  bitstring<TAB>word<TAB>count
//
// Algorithm. The class-bigram model's average mutual information is
//   AMI = sum_{c,d} q(c,d),  q(c,d) = p(c,d) log( p(c,d) / (pl(c) pr(d)) )
// where p(c,d) is the probability of a bigram (left word in cluster c, right word in d),
// and pl, pr are its left and right marginals (taken over the whole corpus, so that
// they stay fixed while words are added).
// Words are sorted by frequency. The C most frequent start as singleton clusters.
// Stage 1: each further word becomes cluster C+1, then the pair of active clusters whose
// merge loses the least AMI is merged. Stage 2: the C remaining clusters are merged
// greedily down to one, which builds the binary tree; a word's bit-string is the path from
// the root to its stage-1 cluster (0 = the older of the two merged clusters, 1 = the other).
// L(s,t), the loss of merging s and t, is kept for every active pair and updated in O(1)
// per pair after each change (O(C^2) per step): only the terms of L(v,w) that involve the
// changed clusters are taken out and put back.
// Differences from wcluster: single words only (no phrases), no threads, bigrams do not
// cross line ends, and the marginals are the bigram left/right marginals (wcluster uses
// the unigram frequency for both), so the quantity maximised is exactly the mutual
// information between adjacent clusters. Ties are broken by slot order: deterministic.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "brown_clusters: " << msg << "\n";
  std::exit(1);
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Options {
  int clusters = 256;
  long long min_count = 3;
  std::string output;
  bool verify = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

void usage() {
  std::cerr << "usage: brown_clusters [--clusters C] [--min-count N] [--output FILE] [--verify] [--quiet] FILE...\n"
               "  --clusters C   number of clusters kept in the window (default 256)\n"
               "  --min-count N  leave out words seen fewer than N times (default 3)\n"
               "  --output FILE  write the paths here (default: standard output)\n"
               "  --verify       after every step, recompute all tables from scratch and compare (slow; tests)\n"
               "  --quiet        no progress messages\n";
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) die(std::string("missing value for ") + name);
      return argv[++i];
    };
    auto to_int = [&](const std::string& s, const char* name) -> long long {
      char* end = nullptr;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0') die(std::string("bad number for ") + name + ": " + s);
      return v;
    };
    if (a == "--clusters" || a == "-c") {
      o.clusters = static_cast<int>(to_int(value("--clusters"), "--clusters"));
    } else if (a == "--min-count") {
      o.min_count = to_int(value("--min-count"), "--min-count");
    } else if (a == "--output" || a == "-o") {
      o.output = value("--output");
    } else if (a == "--verify") {
      o.verify = true;
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      usage();
      die("unknown option " + a);
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.inputs.empty()) {
    usage();
    die("no input files");
  }
  if (o.clusters < 1) die("--clusters must be at least 1");
  if (o.min_count < 1) o.min_count = 1;
  return o;
}

// ---------------------------------------------------------------------------
// Corpus: vocabulary and bigram counts.

constexpr std::uint32_t kBreak = std::numeric_limits<std::uint32_t>::max();

struct Corpus {
  std::vector<std::string> words;            // by rank (most frequent first)
  std::vector<long long> count;              // unigram count, by rank
  std::vector<long long> left_count;         // bigrams with the word on the left
  std::vector<long long> right_count;        // bigrams with the word on the right
  long long bigrams = 0;                     // total bigram tokens (N)
  long long tokens = 0;                      // tokens read (all words)
  std::size_t all_types = 0;                 // distinct words before --min-count
  // Distinct bigrams, grouped by the later (rarer) of their two words: the neighbours
  // of word w are only needed when w is added, and only those already added count.
  // For rank w: entries [adj_begin[w], adj_begin[w+1]).
  struct Neighbour {
    std::uint32_t other;  // rank of the other word (<= w)
    std::uint32_t left;   // 1 if w is the left word of the bigram (w other), 0 if (other w)
    long long n;          // bigram count
  };
  std::vector<std::size_t> adj_begin;
  std::vector<Neighbour> adj;
};

Corpus read_corpus(const Options& opt) {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> names;
  std::vector<long long> counts;
  std::vector<std::uint32_t> text;  // word ids, kBreak between lines
  ids.reserve(1 << 20);

  std::string line;
  for (const auto& path : opt.inputs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot open " + path);
    std::vector<char> buf(1 << 20);
    in.rdbuf()->pubsetbuf(buf.data(), static_cast<std::streamsize>(buf.size()));
    while (std::getline(in, line)) {
      std::size_t i = 0;
      const std::size_t n = line.size();
      bool any = false;
      while (i < n) {
        while (i < n && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        std::size_t j = i;
        while (j < n && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
        if (j > i) {
          std::string_view tok(line.data() + i, j - i);
          auto it = ids.find(std::string(tok));
          std::uint32_t id;
          if (it == ids.end()) {
            id = static_cast<std::uint32_t>(names.size());
            ids.emplace(std::string(tok), id);
            names.emplace_back(tok);
            counts.push_back(0);
          } else {
            id = it->second;
          }
          ++counts[id];
          text.push_back(id);
          any = true;
        }
        i = j;
      }
      if (any) text.push_back(kBreak);
    }
  }

  Corpus c;
  c.all_types = names.size();
  // Rank the kept words: by count (descending), then by the word's bytes.
  std::vector<std::uint32_t> order;
  for (std::uint32_t id = 0; id < names.size(); ++id) {
    if (counts[id] >= opt.min_count) order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (counts[a] != counts[b]) return counts[a] > counts[b];
    return names[a] < names[b];
  });
  std::vector<std::uint32_t> rank(names.size(), kBreak);
  const std::size_t V = order.size();
  c.words.resize(V);
  c.count.resize(V);
  for (std::size_t r = 0; r < V; ++r) {
    rank[order[r]] = static_cast<std::uint32_t>(r);
    c.words[r] = std::move(names[order[r]]);
    c.count[r] = counts[order[r]];
  }
  c.left_count.assign(V, 0);
  c.right_count.assign(V, 0);

  std::vector<std::uint64_t> pairs;
  pairs.reserve(text.size());
  std::uint32_t prev = kBreak;
  for (std::uint32_t id : text) {
    if (id != kBreak) ++c.tokens;
    const std::uint32_t r = id == kBreak ? kBreak : rank[id];
    if (prev != kBreak && r != kBreak) {
      pairs.push_back((static_cast<std::uint64_t>(prev) << 32) | r);
      ++c.left_count[prev];
      ++c.right_count[r];
      ++c.bigrams;
    }
    prev = r;
  }
  std::vector<std::uint32_t>().swap(text);
  std::sort(pairs.begin(), pairs.end());

  // Distinct bigrams -> adjacency grouped by max(rank).
  std::vector<std::size_t> deg(V + 1, 0);
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const auto a = static_cast<std::uint32_t>(pairs[i] >> 32);
    const auto b = static_cast<std::uint32_t>(pairs[i]);
    ++deg[std::max(a, b)];
    i = j;
  }
  c.adj_begin.assign(V + 1, 0);
  for (std::size_t w = 0; w < V; ++w) c.adj_begin[w + 1] = c.adj_begin[w] + deg[w];
  c.adj.resize(c.adj_begin[V]);
  std::vector<std::size_t> fill(c.adj_begin.begin(), c.adj_begin.end() - 1);
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const auto a = static_cast<std::uint32_t>(pairs[i] >> 32);
    const auto b = static_cast<std::uint32_t>(pairs[i]);
    const std::uint32_t owner = std::max(a, b);
    c.adj[fill[owner]++] = Corpus::Neighbour{std::min(a, b), owner == a ? 1u : 0u, static_cast<long long>(j - i)};
    i = j;
  }
  return c;
}

// ---------------------------------------------------------------------------
// Clustering.

inline double qterm(double p, double pl, double pr) { return p > 0.0 ? p * std::log(p / (pl * pr)) : 0.0; }

class Brown {
 public:
  Brown(const Corpus& corpus, int clusters, bool verify, bool quiet)
      : c_(corpus), V_(static_cast<int>(corpus.words.size())), verify_(verify), quiet_(quiet) {
    C_ = std::min(clusters, V_);
    S_ = C_ + 1;
    P_.assign(static_cast<std::size_t>(S_) * S_, 0.0);
    Q_.assign(P_.size(), 0.0);
    L_.assign(P_.size(), 0.0);
    pl_.assign(S_, 0.0);
    pr_.assign(S_, 0.0);
    group_words_.assign(V_, {});
    word_group_.assign(V_, -1);
    group_slot_.assign(V_, -1);
    slot_group_.assign(S_, -1);
    inv_n_ = c_.bigrams > 0 ? 1.0 / static_cast<double>(c_.bigrams) : 0.0;
    col_a_.resize(S_);
    row_a_.resize(S_);
    bq_a_.resize(S_);
    col_b_.resize(S_);
    row_b_.resize(S_);
    bq_b_.resize(S_);
    flag_.resize(S_);
    node_.assign(S_, -1);
  }

  // Runs both stages; returns each word's bit-string.
  std::vector<std::string> run() {
    const auto t0 = Clock::now();
    if (V_ == 0) return {};
    // Initial clusters: the C most frequent words.
    for (int w = 0; w < C_; ++w) add_word(w, /*update_losses=*/false);
    for (int s = 0; s < K_; ++s)
      for (int t = s + 1; t < K_; ++t) L(s, t) = full_loss(s, t);
    check("initial");

    // Stage 1.
    long long merges = 0;
    for (int w = C_; w < V_; ++w) {
      add_word(w, /*update_losses=*/true);
      check("add");
      auto [s, t] = best_pair();
      merge(s, t, /*stage2=*/false);
      check("merge");
      ++merges;
      if (!quiet_ && (w + 1) % 2000 == 0) {
        std::fprintf(stderr, "[brown] stage 1: %d/%d words, AMI %.5f nats, %.1f s\n", w + 1, V_, ami_,
                     seconds_since(t0));
      }
    }
    if (!quiet_) std::fprintf(stderr, "[brown] stage 1 done: %lld merges, AMI %.5f nats, %.1f s\n", merges, ami_, seconds_since(t0));

    // Stage 2: a tree over the K_ remaining clusters. Leaves 0..K_-1, inner nodes after.
    const int leaves = K_;
    std::vector<std::vector<std::uint32_t>> leaf_words(leaves);
    tree_.assign(leaves, {-1, -1});
    for (int s = 0; s < K_; ++s) {
      node_[s] = s;
      leaf_words[s] = group_words_[slot_group_[s]];
    }
    while (K_ > 1) {
      auto [s, t] = best_pair();
      merge(s, t, /*stage2=*/true);
      check("stage2");
    }
    if (!quiet_) std::fprintf(stderr, "[brown] stage 2 done, AMI %.5f nats (should be ~0), %.1f s\n", ami_, seconds_since(t0));

    // Paths: depth-first from the root.
    std::vector<std::string> path(V_);
    std::vector<std::pair<int, std::string>> stack;
    stack.emplace_back(node_[0], "");
    while (!stack.empty()) {
      auto [n, p] = std::move(stack.back());
      stack.pop_back();
      if (n < leaves) {
        for (std::uint32_t w : leaf_words[n]) path[w] = p;
        leaf_words_.push_back(leaf_words[n]);
      } else {
        stack.emplace_back(tree_[n].second, p + "1");
        stack.emplace_back(tree_[n].first, p + "0");
      }
    }
    return path;
  }

  // Leaves (stage-1 clusters) in depth-first order, each with its words.
  const std::vector<std::vector<std::uint32_t>>& leaf_words() const { return leaf_words_; }
  double ami() const { return ami_; }

 private:
  double& P(int s, int t) { return P_[static_cast<std::size_t>(s) * S_ + t]; }
  double& Q(int s, int t) { return Q_[static_cast<std::size_t>(s) * S_ + t]; }
  double& L(int s, int t) { return L_[static_cast<std::size_t>(s) * S_ + t]; }  // s < t

  // q(s,t) + q(t,s), or q(s,s).
  int slot_of(int w) const { return word_group_[w] < 0 ? -1 : group_slot_[word_group_[w]]; }

  double bq(int s, int t) { return s == t ? Q(s, s) : Q(s, t) + Q(t, s); }

  // Loss of AMI if clusters s and t (s != t) were merged, from scratch: O(K).
  double full_loss(int s, int t) {
    double l = 0.0;
    for (int u = 0; u < K_; ++u) l += Q(s, u) + Q(u, s) + Q(t, u) + Q(u, t);
    l -= Q(s, s) + Q(t, t) + Q(s, t) + Q(t, s);  // counted twice above
    const double a = pl_[s] + pl_[t], b = pr_[s] + pr_[t];
    for (int u = 0; u < K_; ++u) {
      if (u == s || u == t) continue;
      l -= qterm(P(s, u) + P(t, u), a, pr_[u]) + qterm(P(u, s) + P(u, t), pl_[u], b);
    }
    l -= qterm(P(s, s) + P(s, t) + P(t, s) + P(t, t), a, b);
    return l;
  }

  void recompute_q(int s) {
    for (int u = 0; u < K_; ++u) {
      Q(s, u) = qterm(P(s, u), pl_[s], pr_[u]);
      Q(u, s) = qterm(P(u, s), pl_[u], pr_[s]);
    }
  }

  // Copies the column/row of cluster x into contiguous scratch arrays.
  void load(int x, std::vector<double>& col, std::vector<double>& row, std::vector<double>& bqx) {
    for (int u = 0; u < K_; ++u) {
      col[u] = P(u, x);  // u left, x right
      row[u] = P(x, u);  // x left, u right
      bqx[u] = Q(u, x) + Q(x, u);
    }
  }

  // Puts word w into a new slot K_ as its own cluster.
  void add_word(int w, bool update_losses) {
    const int k = K_++;
    for (int u = 0; u < K_; ++u) P(k, u) = P(u, k) = 0.0;
    pl_[k] = static_cast<double>(c_.left_count[w]) * inv_n_;
    pr_[k] = static_cast<double>(c_.right_count[w]) * inv_n_;
    group_words_[w].assign(1, static_cast<std::uint32_t>(w));
    word_group_[w] = w;
    group_slot_[w] = k;
    slot_group_[k] = w;
    for (std::size_t i = c_.adj_begin[w]; i < c_.adj_begin[w + 1]; ++i) {
      const auto& nb = c_.adj[i];
      const double p = static_cast<double>(nb.n) * inv_n_;
      if (nb.other == static_cast<std::uint32_t>(w)) {
        P(k, k) += p;
      } else {
        const int u = slot_of(static_cast<int>(nb.other));
        if (nb.left) P(k, u) += p; else P(u, k) += p;
      }
    }
    recompute_q(k);
    for (int u = 0; u < K_; ++u) ami_ += Q(k, u) + Q(u, k);
    ami_ -= Q(k, k);
    if (!update_losses) return;

    // Every old pair (v,w) gains the terms with the new cluster k as a third party:
    // +q(v,k)+q(k,v)+q(w,k)+q(k,w) - q(vw,k) - q(k,vw). Zero unless k touches v or w.
    load(k, col_a_, row_a_, bq_a_);
    for (int u = 0; u < k; ++u) flag_[u] = (col_a_[u] > 0.0 || row_a_[u] > 0.0) ? 1 : 0;
    const double plk = pl_[k], prk = pr_[k];
    for (int v = 0; v < k; ++v) {
      double* Lv = &L_[static_cast<std::size_t>(v) * S_];
      const double plv = pl_[v], prv = pr_[v];
      for (int x = v + 1; x < k; ++x) {
        if (!(flag_[v] | flag_[x])) continue;
        const double h = qterm(col_a_[v] + col_a_[x], plv + pl_[x], prk) + qterm(row_a_[v] + row_a_[x], plk, prv + pr_[x]);
        Lv[x] += bq_a_[v] + bq_a_[x] - h;
      }
    }
    for (int u = 0; u < k; ++u) L(u, k) = full_loss(u, k);
  }

  std::pair<int, int> best_pair() {
    double best = std::numeric_limits<double>::infinity();
    int bs = -1, bt = -1;
    for (int s = 0; s < K_; ++s) {
      const double* Ls = &L_[static_cast<std::size_t>(s) * S_];
      for (int t = s + 1; t < K_; ++t) {
        if (Ls[t] < best) {
          best = Ls[t];
          bs = s;
          bt = t;
        }
      }
    }
    return {bs, bt};
  }

  // Merges clusters s < t into slot s; the last slot moves into t.
  void merge(int s, int t, bool stage2) {
    ami_ -= L(s, t);
    // 1. Take the terms with s and t as third parties out of every other pair's loss.
    load(s, col_a_, row_a_, bq_a_);
    load(t, col_b_, row_b_, bq_b_);
    {
      const double pls = pl_[s], prs = pr_[s], plt = pl_[t], prt = pr_[t];
      for (int v = 0; v < K_; ++v) {
        if (v == s || v == t) continue;
        double* Lv = &L_[static_cast<std::size_t>(v) * S_];
        const double plv = pl_[v], prv = pr_[v];
        for (int x = v + 1; x < K_; ++x) {
          if (x == s || x == t) continue;
          const double a = plv + pl_[x], b = prv + pr_[x];
          const double hs = qterm(col_a_[v] + col_a_[x], a, prs) + qterm(row_a_[v] + row_a_[x], pls, b);
          const double ht = qterm(col_b_[v] + col_b_[x], a, prt) + qterm(row_b_[v] + row_b_[x], plt, b);
          Lv[x] -= bq_a_[v] + bq_a_[x] - hs + bq_b_[v] + bq_b_[x] - ht;
        }
      }
    }
    // 2. The merged cluster's probabilities, in slot s.
    const double pss = P(s, s) + P(s, t) + P(t, s) + P(t, t);
    for (int u = 0; u < K_; ++u) {
      if (u == s || u == t) continue;
      P(s, u) += P(t, u);
      P(u, s) += P(u, t);
    }
    P(s, s) = pss;
    pl_[s] += pl_[t];
    pr_[s] += pr_[t];
    // Record the merge.
    if (stage2) {
      const int id = static_cast<int>(tree_.size());
      tree_.emplace_back(std::min(node_[s], node_[t]), std::max(node_[s], node_[t]));
      node_[s] = id;
    } else {
      // The smaller word group joins the larger one, which takes slot s.
      int big = slot_group_[s], small = slot_group_[t];
      if (group_words_[big].size() < group_words_[small].size()) std::swap(big, small);
      for (std::uint32_t w : group_words_[small]) {
        word_group_[w] = big;
        group_words_[big].push_back(w);
      }
      std::vector<std::uint32_t>().swap(group_words_[small]);
      group_slot_[small] = -1;
      group_slot_[big] = s;
      slot_group_[s] = big;
    }
    // 3. Move the last slot into t.
    const int last = K_ - 1;
    if (t != last) {
      for (int u = 0; u < K_; ++u) {
        P(t, u) = P(last, u);
        P(u, t) = P(u, last);
      }
      P(t, t) = P(last, last);
      P(t, last) = P(last, t) = 0.0;
      for (int u = 0; u < K_; ++u) {
        Q(t, u) = Q(last, u);
        Q(u, t) = Q(u, last);
      }
      Q(t, t) = Q(last, last);
      for (int u = 0; u < last; ++u) {
        if (u == t) continue;
        L(std::min(u, t), std::max(u, t)) = L(u, last);
      }
      pl_[t] = pl_[last];
      pr_[t] = pr_[last];
      node_[t] = node_[last];
      slot_group_[t] = slot_group_[last];
      if (slot_group_[t] >= 0) group_slot_[slot_group_[t]] = t;
    }
    --K_;
    recompute_q(s);
    // 4. Put the terms with the merged cluster as third party back in.
    load(s, col_a_, row_a_, bq_a_);
    {
      const double pls = pl_[s], prs = pr_[s];
      for (int v = 0; v < K_; ++v) {
        if (v == s) continue;
        double* Lv = &L_[static_cast<std::size_t>(v) * S_];
        const double plv = pl_[v], prv = pr_[v];
        for (int x = v + 1; x < K_; ++x) {
          if (x == s) continue;
          const double h = qterm(col_a_[v] + col_a_[x], plv + pl_[x], prs) + qterm(row_a_[v] + row_a_[x], pls, prv + pr_[x]);
          Lv[x] += bq_a_[v] + bq_a_[x] - h;
        }
      }
    }
    for (int u = 0; u < K_; ++u) {
      if (u != s) L(std::min(u, s), std::max(u, s)) = full_loss(std::min(u, s), std::max(u, s));
    }
  }

  // --verify: rebuild P from the word assignment, Q from P, L from scratch; compare.
  void check(const char* where) {
    if (!verify_) return;
    const int active = K_;
    std::vector<double> P2(static_cast<std::size_t>(S_) * S_, 0.0);
    std::vector<double> pl2(S_, 0.0), pr2(S_, 0.0);
    for (int w = 0; w < V_; ++w) {
      const int sw = slot_of(w);
      if (sw < 0) continue;
      pl2[sw] += static_cast<double>(c_.left_count[w]) * inv_n_;
      pr2[sw] += static_cast<double>(c_.right_count[w]) * inv_n_;
      for (std::size_t i = c_.adj_begin[w]; i < c_.adj_begin[w + 1]; ++i) {
        const auto& nb = c_.adj[i];
        const int so = slot_of(static_cast<int>(nb.other));
        if (so < 0) continue;
        const double p = static_cast<double>(nb.n) * inv_n_;
        if (nb.left) P2[static_cast<std::size_t>(sw) * S_ + so] += p;
        else P2[static_cast<std::size_t>(so) * S_ + sw] += p;
      }
    }
    auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * (1.0 + std::fabs(a) + std::fabs(b)); };
    double mi = 0.0;
    const bool stage2 = !tree_.empty();
    for (int s = 0; s < active; ++s) {
      if (!stage2) {
        if (!close(pl_[s], pl2[s]) || !close(pr_[s], pr2[s])) die(std::string("verify: marginal mismatch after ") + where);
        for (int t = 0; t < active; ++t)
          if (!close(P(s, t), P2[static_cast<std::size_t>(s) * S_ + t])) die(std::string("verify: P mismatch after ") + where + " at " + std::to_string(s) + "," + std::to_string(t) + " K=" + std::to_string(K_) + ": " + std::to_string(P(s, t)) + " vs " + std::to_string(P2[static_cast<std::size_t>(s) * S_ + t]));
      }
      for (int t = 0; t < active; ++t) {
        const double q = qterm(P(s, t), pl_[s], pr_[t]);
        if (!close(q, Q(s, t))) die(std::string("verify: Q mismatch after ") + where);
        mi += q;
      }
    }
    if (!close(mi, ami_)) die(std::string("verify: AMI mismatch after ") + where);
    for (int s = 0; s < active; ++s)
      for (int t = s + 1; t < active; ++t)
        if (!close(L(s, t), full_loss(s, t)))
          die(std::string("verify: L mismatch after ") + where + " (" + std::to_string(L(s, t)) + " vs " +
              std::to_string(full_loss(s, t)) + ")");
  }

  const Corpus& c_;
  int V_;
  int C_ = 0;
  int S_ = 0;  // slot capacity: C + 1
  int K_ = 0;  // active clusters, always in slots 0..K_-1
  bool verify_;
  bool quiet_;
  double inv_n_ = 0.0;
  double ami_ = 0.0;
  std::vector<double> P_, Q_, L_, pl_, pr_;
  // Stage 1 word groups (a group = the words of one cluster; merged small into large).
  std::vector<std::vector<std::uint32_t>> group_words_;
  std::vector<int> word_group_;  // word -> group (-1: not added yet)
  std::vector<int> group_slot_;  // group -> slot
  std::vector<int> slot_group_;  // slot -> group
  std::vector<int> node_;                            // stage 2: tree node of each slot
  std::vector<std::pair<int, int>> tree_;            // stage 2: node -> children (leaves: -1,-1)
  std::vector<std::vector<std::uint32_t>> leaf_words_;
  std::vector<double> col_a_, row_a_, bq_a_, col_b_, row_b_, bq_b_;
  std::vector<unsigned char> flag_;
};

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const Options opt = parse_args(argc, argv);
  const auto t0 = Clock::now();
  Corpus corpus = read_corpus(opt);
  const std::size_t V = corpus.words.size();
  if (!opt.quiet) {
    std::fprintf(stderr,
                 "[brown] read %lld tokens, %zu distinct words, %zu with count >= %lld, %lld bigrams, %zu distinct; %.1f s\n",
                 corpus.tokens, corpus.all_types, V, opt.min_count, corpus.bigrams, corpus.adj.size(), seconds_since(t0));
  }
  if (V == 0) die("no word occurs --min-count times");

  Brown brown(corpus, opt.clusters, opt.verify, opt.quiet);
  const std::vector<std::string> paths = brown.run();

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!opt.output.empty()) {
    file.open(opt.output, std::ios::binary);
    if (!file) die("cannot write " + opt.output);
    out = &file;
  }
  // Liang's order: clusters depth-first (0 before 1); words by count inside a cluster.
  for (auto words : brown.leaf_words()) {
    std::sort(words.begin(), words.end());  // rank order = count desc, then bytes
    for (std::uint32_t w : words) *out << paths[w] << '\t' << corpus.words[w] << '\t' << corpus.count[w] << '\n';
  }
  out->flush();
  if (!*out) die("write failed");
  if (!opt.quiet) std::fprintf(stderr, "[brown] wrote %zu words; total %.1f s\n", V, seconds_since(t0));
  return 0;
}
