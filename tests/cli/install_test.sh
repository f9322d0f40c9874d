#!/usr/bin/env bash
# cmake --install: tools, model, man pages, bash completion and licence in a
# prefix, and the installed tools work from there (the model found in
# share/newsdex without flags).
#   tests/cli/install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d) work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "FAIL: $*"; exit 1; }
for f in bin/newsdex-index bin/newsdex-query bin/newsdex-ner share/newsdex/ner.model share/doc/newsdex/NOTICE \
         share/bash-completion/completions/newsdex-index share/bash-completion/completions/newsdex-query \
         share/bash-completion/completions/newsdex-ner; do
  [[ -e $prefix/$f ]] || fail "cmake --install put no $f"
done
if command -v help2man >/dev/null; then
  for tool in newsdex-index newsdex-query newsdex-ner; do
    page=$prefix/share/man/man1/$tool.1
    [[ -s $page ]] || fail "no man page $tool.1"
    grep -q '^\.SH EXAMPLES' "$page" || fail "$tool.1 has no EXAMPLES section"
    grep -q '^\.SH OPTIONS' "$page" || fail "$tool.1 lists no options"
  done
else
  echo "help2man is not installed: the man pages are not checked (apt-get install help2man)"
fi
# The installed tools, away from the build folder.
cp -r "$source/corpus" "$work/corpus"
cd "$work"
"$prefix/bin/newsdex-index" --db news.db -q corpus >/dev/null 2>&1 || fail "the installed newsdex-index failed"
out=$("$prefix/bin/newsdex-query" --db news.db --json --limit 1 ceasefire)
grep -q '"person"' <<<"$out" || fail "no facets from the installed tools: $out"
grep -q 'Vladimir Putin' <<<"$out" || fail "the installed indexer found no entities (model not found?): $out"
echo "ok: installed in $prefix and used from there"
