#!/usr/bin/env bash
# Sanity check for tools/brown_clusters.cpp: compiles it, clusters a tiny made-up corpus
# and asserts that words used alike (cat/dog, Monday/Tuesday, John/Mary) share longer
# path prefixes than unrelated words do. Also runs --verify (incremental tables checked
# against a from-scratch recomputation after every step) with a small window so that
# stage 1 (add a word, merge the best pair) is exercised.
# Usage: bash tools/brown_clusters_check.sh [BINARY]   (without BINARY it compiles the tool
# with g++; ctest passes build/brown_clusters; writes only to a temp dir)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
  cp "$1" "$tmp/brown_clusters"
else
  g++ -std=c++20 -O2 -march=native -o "$tmp/brown_clusters" "$here/brown_clusters.cpp"
fi

# Corpus: every combination of a few templates (one sentence per line).
for det in the a; do
  for noun in cat dog cow; do
    for verb in sat ran slept; do
      for day in Monday Tuesday Friday; do
        echo "$det $noun $verb on $day ."
      done
      for name in John Mary Peter; do
        echo "$name said $det $noun $verb ."
        echo "on Monday $name saw $det $noun ."
      done
    done
  done
done > "$tmp/corpus.txt"

fail=0

# Run 1: a window big enough for every word, so the whole tree comes from greedy merges.
"$tmp/brown_clusters" --quiet --clusters 64 --min-count 1 --output "$tmp/paths.txt" "$tmp/corpus.txt"

# Format: bitstring<TAB>word<TAB>count, one line per distinct word.
words=$(tr -s ' ' '\n' < "$tmp/corpus.txt" | grep -v '^$' | sort -u | wc -l)
lines=$(wc -l < "$tmp/paths.txt")
if [[ "$words" != "$lines" ]]; then echo "FAIL: $lines lines for $words words"; fail=1; fi
if ! awk -F'\t' 'NF != 3 || $1 !~ /^[01]+$/ || $3 !~ /^[0-9]+$/ { bad = 1 } END { exit bad }' "$tmp/paths.txt"; then
  echo "FAIL: malformed line in paths"; fail=1
fi

# lcp(a, b): length of the common prefix of two words' bit-strings.
lcp() {
  awk -F'\t' -v a="$1" -v b="$2" '
    { path[$2] = $1 }
    END {
      if (!(a in path) || !(b in path)) { print -1; exit }
      x = path[a]; y = path[b]; n = 0
      while (n < length(x) && n < length(y) && substr(x, n + 1, 1) == substr(y, n + 1, 1)) n++
      print n
    }' "$3"
}

# expect_closer A B C: A and B share a prefix at least 2 bits longer than A and C.
expect_closer() {
  local same other
  same=$(lcp "$1" "$2" "$4")
  other=$(lcp "$1" "$3" "$4")
  if (( same >= other + 2 )); then
    echo "ok   lcp($1,$2)=$same >= lcp($1,$3)+2=$((other + 2))"
  else
    echo "FAIL lcp($1,$2)=$same < lcp($1,$3)+2=$((other + 2))"
    fail=1
  fi
}

expect_closer cat dog the "$tmp/paths.txt"
expect_closer Monday Tuesday cat "$tmp/paths.txt"
expect_closer John Mary sat "$tmp/paths.txt"
expect_closer sat ran Monday "$tmp/paths.txt"

# Run 2: a small window (5 clusters for 20 words) with --verify, which exits non-zero on
# any mismatch between the incremental tables and a full recomputation.
if "$tmp/brown_clusters" --quiet --verify --clusters 5 --min-count 1 --output "$tmp/paths5.txt" "$tmp/corpus.txt"; then
  echo "ok   --verify with --clusters 5"
else
  echo "FAIL --verify with --clusters 5"; fail=1
fi
if (( $(lcp cat dog "$tmp/paths5.txt") < $(lcp cat the "$tmp/paths5.txt") + 1 )); then
  echo "FAIL cat/dog not closer than cat/the with --clusters 5"; fail=1
fi

if (( fail )); then
  echo "brown_clusters_check: FAILED"
  cat "$tmp/paths.txt"
  exit 1
fi
echo "brown_clusters_check: all passed"
