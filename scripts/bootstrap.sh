#!/usr/bin/env bash
# Installs what is missing (Debian packages), configures and builds newsdex.
#   scripts/bootstrap.sh [BUILD_DIR] [BUILD_TYPE]     (defaults: build Release)
# Safe to re-run: installed packages and an up-to-date build are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
build_type=${2:-Release}

scripts/install-packages.sh build

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
