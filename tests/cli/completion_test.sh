#!/usr/bin/env bash
# completion/newsdex.bash: what <TAB> offers, read from the built tools' --help.
#   tests/cli/completion_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1 source=$2
export PATH="$build:$PATH"
# shellcheck source=/dev/null
source "$source/completion/newsdex.bash"
failures=0
# expect "WANTED" WORD...: completing the last word offers exactly WANTED.
expect() {
  local wanted=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _newsdex
  local got="${COMPREPLY[*]}"
  if [[ $got != "$wanted" ]]; then
    echo "FAIL: [$*] offered '$got', wanted '$wanted'"
    failures=$((failures + 1))
  else
    echo "ok: [$*] -> $got"
  fi
}
expect "--sort" newsdex-query --so
expect "relevance date -date" newsdex-query --sort ""
expect "person place org" newsdex-query --entities ""
expect "auto always" newsdex-index --compact a
expect "--no-spelling --no-entities" newsdex-index --no-
expect "train eval tag tokenize" newsdex-ner ""
expect "--json" newsdex-ner tag --js
expect "--holdout-every" newsdex-ner train --hold
# Files and folders where a path is asked for.
cd "$source" || exit 1
expect "corpus" newsdex-index --db corp
expect "corpus" newsdex-index corp
expect "" newsdex-query corp
expect "corpus" newsdex-index --aliases corp
expect "corpus" newsdex-query --batch corp
expect "" newsdex-index --commit-every corp
# Every option the tool lists is offered.
for tool in newsdex-index newsdex-query; do
  COMP_WORDS=("$tool" "--"); COMP_CWORD=1; COMPREPLY=(); _newsdex
  listed=$("$tool" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | wc -l)
  offered=$(printf '%s\n' "${COMPREPLY[@]}" | sort -u | wc -l)
  if ((offered < listed - 2)); then  # the help text also names options inside descriptions
    echo "FAIL: $tool: $offered options offered, its --help names $listed"
    failures=$((failures + 1))
  fi
done
exit $((failures > 0))
