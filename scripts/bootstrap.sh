#!/usr/bin/env bash
# Installs what is missing (Debian packages), configures and builds newsdex.
#   scripts/bootstrap.sh [BUILD_DIR] [BUILD_TYPE]     (defaults: build Release)
# Safe to re-run: installed packages and an up-to-date build are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
build_type=${2:-Release}

packages=(cmake make g++ libxapian-dev libcli11-dev nlohmann-json3-dev zlib1g-dev libgtest-dev libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "newsdex: installing missing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
