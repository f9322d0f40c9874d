#!/usr/bin/env bash
# Facet counting and entity extraction on Reuters-21578, measured side by side
# in one run (a benchmark that prints figures, never a test):
#   bench/facets.sh [SHARED_DIR] [REPEATS]     # default ../shared, 30
#   NEWSDEX_BENCH_DB=reuters.db bench/facets.sh  # only the queries, on that database
# 1. Indexes Reuters with and without entities, alternating (2 runs each):
#    seconds, articles/s, peak RSS, database size.
# 2. Answers each query REPEATS times in one batch (one thread, so no
#    process start-up is timed), with exact facets and with --facets 0, and
#    prints p50/p95 of the query tool's own elapsed_ms and the total matches.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-${NEWSDEX_SHARED:-../shared}}/data"
repeats="${2:-30}"
gz="$shared/corpora/reuters21578/reuters21578.jsonl.gz"
if [ ! -f "$gz" ]; then
  echo "facets.sh: error: $gz is missing (give the shared folder as an argument)" >&2
  exit 2
fi
scripts/bootstrap.sh build Release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db="${NEWSDEX_BENCH_DB:-$work/entities.db}"
if [ -z "${NEWSDEX_BENCH_DB:-}" ]; then
echo "== Indexing Reuters-21578 (21,578 articles), runs interleaved"
printf '%-16s %8s %10s %10s %8s\n' mode seconds articles/s "peak MB" "db MB"
for run in 1 2; do
  for mode in entities no-entities; do
    flag=""
    [ "$mode" = no-entities ] && flag="--no-entities"
    rm -rf "$work/$mode.db"
    /usr/bin/time -f "%M" -o "$work/rss" build/newsdex-index --db "$work/$mode.db" -q --json $flag "$gz" \
      >"$work/summary" 2>/dev/null || true
    seconds=$(sed 's/.*"seconds":\([0-9.]*\).*/\1/' "$work/summary")
    rate=$(sed 's/.*"articles_per_second":\([0-9.]*\).*/\1/' "$work/summary")
    printf '%-16s %8s %10s %10d %8d\n' "$mode" "$seconds" "$rate" $(($(cat "$work/rss") / 1024)) \
      $(($(du -sk "$work/$mode.db" | cut -f1) / 1024))
  done
done
fi

echo
echo "== Queries on the entities database, $repeats times each in one batch (one thread)"
printf '%-34s %8s %10s %10s\n' query matches "p50 ms" "p95 ms"
percentiles() {  # elapsed_ms values on stdin -> "p50 p95"
  sort -n | awk '{ v[NR] = $1 } END { i50 = int((NR + 1) * 0.50); i95 = int((NR + 1) * 0.95); if (i95 > NR) i95 = NR;
    printf "%.2f %.2f\n", v[i50 < 1 ? 1 : i50], v[i95 < 1 ? 1 : i95] }'
}
for q in '{"q":"","since":"1900"}' '{"q":"said"}' '{"q":"oil prices"}' '{"q":"place:Japan"}' \
  '{"q":"","person":"James Baker"}'; do
  for facets in 10 0; do
    : >"$work/batch"
    for _ in $(seq "$repeats"); do echo "$q" >>"$work/batch"; done
    build/newsdex-query --db "$db" --threads 1 --facets "$facets" --batch "$work/batch" >"$work/out"
    matches=$(head -1 "$work/out" | sed 's/.*"total":{"estimate":\([0-9]*\).*/\1/')
    read -r p50 p95 < <(sed 's/.*"elapsed_ms":\([0-9.]*\).*/\1/' "$work/out" | percentiles)
    printf '%-34s %8s %10s %10s\n' "$q --facets $facets" "$matches" "$p50" "$p95"
  done
done
