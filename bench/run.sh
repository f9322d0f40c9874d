#!/usr/bin/env bash
# The benchmark suite (bench/suite.py) on a Release build: newsdex vs scriptindex/quest
# and SQLite FTS5; prints a table and writes JSON (default build/bench/results.json).
#   bench/run.sh [--smoke] [--shared DIR] [--out FILE.json] [other suite.py options]
#   NEWSDEX_BENCH_NO_BUILD=1  do not build: use the binaries as they are
#   NEWSDEX_BENCH_BIN=DIR     take newsdex-index, newsdex-query and ner_bench from DIR (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh build bench
if [ "${NEWSDEX_BENCH_NO_BUILD:-0}" = 0 ]; then
  scripts/bootstrap.sh build Release >/dev/null
fi
exec python3 bench/suite.py --build "${NEWSDEX_BENCH_BIN:-build}" "$@"
