#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test with ctest.
# Tests on ../shared/data run when it exists and are skipped (with a
# message) when it does not.
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh build Release
ctest --test-dir build --output-on-failure -j "$(nproc)"
