#!/usr/bin/env bash
# The sanitizer pass, which CI runs after scripts/test.sh:
#   1. the whole test suite built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (the asan preset, clang-14);
#   2. every libFuzzer target (the fuzz preset) for SECONDS (default 60),
#      starting from its committed seeds, as many at once as there are cores.
# Installs clang-14 and its runtimes first when they are missing. Exits
# non-zero when a test fails or a fuzzer finds a crash; the crash inputs are
# kept in build-fuzz/crashes/.
#   scripts/sanitize.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=$(nproc)

scripts/install-packages.sh build sanitizers
if command -v llvm-symbolizer-14 >/dev/null; then export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14); fi
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# A leak inside Xapian's QueryParser is not ours to fix (see the file).
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp

echo "== sanitize: the test suite with ASan and UBSan (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

echo "== sanitize: each fuzzer for ${seconds} s from its seeds (preset fuzz)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
crashes=build-fuzz/crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$crashes"
# One fuzzer: a scratch corpus (the seeds stay as committed), the crash input
# kept, the figures printed. Lines of build-fuzz/fuzzers.txt: NAME BINARY SEEDS.
fuzz_one() {
  local name=$1 binary=$2 seeds=$3
  mkdir -p "$work/$name"
  if "$binary" "$work/$name" "$seeds" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$crashes/$name-" >"$work/$name.log" 2>&1; then
    echo "$name: $(grep -m1 stat::number_of_executed_units "$work/$name.log" | awk '{print $2}') runs in ${seconds} s, no crash"
  else
    tail -n 60 "$work/$name.log"
    echo "$name: FOUND A CRASH; the input is in $crashes/ (replay: $binary FILE)"
    return 1
  fi
}
export -f fuzz_one
export work seconds crashes
grep -v '^$' build-fuzz/fuzzers.txt | xargs -P "$jobs" -L 1 bash -c 'fuzz_one "$@"' _
