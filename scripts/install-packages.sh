#!/usr/bin/env bash
# Installs the Debian packages of the sets named that are not installed yet,
# with apt-get (through sudo when not root). Installed packages are left alone.
#   scripts/install-packages.sh SET...
#     build       what bootstrap.sh needs to build and test newsdex (xapian-tools
#                 for the xapian-tcpsrv of the remote-shard tests; jemalloc, the
#                 allocator the tools link when it is there; utf8proc for
#                 Unicode case folding in entity names; python3 for the
#                 entity gold's scorer and its test; help2man for the man
#                 pages the build makes from each tool's --help)
#     sanitizers  clang-14 with its sanitizer and libFuzzer runtimes and
#                 llvm-symbolizer, for sanitize.sh (the asan and fuzz presets)
#     bench       what bench/run.sh needs besides build: scriptindex (xapian-omega)
#                 and sqlite3 to compare with (quest is in xapian-tools), python3,
#                 python3-xapian for bench/relevance.py's stock Xapian baseline
set -euo pipefail
packages=()
for set in "$@"; do
  case "$set" in
    build) packages+=(cmake make g++ libxapian-dev libcli11-dev nlohmann-json3-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev xapian-tools libjemalloc-dev pkg-config libutf8proc-dev python3 help2man) ;;
    sanitizers) packages+=(clang-14 libclang-rt-14-dev llvm-14) ;;
    bench) packages+=(xapian-omega sqlite3 python3 python3-xapian time) ;;
    *) echo "install-packages.sh: unknown set '$set' (build, sanitizers or bench)" >&2; exit 2 ;;
  esac
done
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
