#!/usr/bin/env bash
# The main job on the bundled corpus: set up, build (Release), index corpus/
# into build/corpus.db, and run a sample query.
#   scripts/demo.sh ["another query"]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh build Release
build/newsdex-index --db build/corpus.db corpus/
echo
echo "\$ newsdex-query --db build/corpus.db ${1:-ceasefire}"
build/newsdex-query --db build/corpus.db --limit 5 "${1:-ceasefire}"
