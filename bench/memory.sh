#!/usr/bin/env bash
# Peak memory of one indexing run over N small generated articles (default
# 10,000,000), read from stdin with --prune, default flags otherwise
# (entities on): the ledgers a run keeps per article (the ids seen, with
# where, for the duplicate-id warning; the ids each file still has, for
# --prune) are what grows with N; Xapian's own buffers are bounded by
# --commit-every. Prints the indexer's summary and "WALL s wall USER+SYS cpu
# PEAK KiB". The database goes into a temporary folder, removed at the end
# (about 1.2 GB a million articles before compaction).
#   bench/memory.sh [N] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh bench  # /usr/bin/time (Debian's time)
n=${1:-10000000}
build=${2:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One line an article: a distinct id, a title, a sentence naming a place, a date.
generate() {
  python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1]); w = sys.stdout.write
for i in range(n):
    w('{"id":"t%d","title":"Item %d","body":"Officials in Geneva said word%d talks resumed on Monday.",'
      '"date":"2020-01-%02d"}\n' % (i, i, i % 5000, 1 + i % 28))
PY
}
generate | /usr/bin/time -f "%e s wall %U+%S cpu %M KiB" "$build/newsdex-index" --db "$work/m.db" -q --prune -
