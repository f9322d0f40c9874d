#!/usr/bin/env bash
# Reproduces the shipped entity model, models/ner.model, from the shared NER data,
# gazetteers and Reuters text (about 3 minutes on one core after the build: 2.5 for the
# word clusters, which are kept in build/ner-work/ and reused, under 10 s of training):
#   scripts/train-ner.sh [SHARED_DIR]        # default: ../shared
# Every 10th CoNLL-2003 training document is held out (never trained on), so that
# `newsdex-ner eval … --holdout-every 10` and the test suite's guard score unseen text.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-${NEWSDEX_SHARED:-../shared}}/data"
for need in ner gazetteers corpora/reuters21578; do
  if [ ! -d "$shared/$need" ]; then
    echo "train-ner.sh: error: $shared/$need is missing (give the shared folder as an argument)" >&2
    exit 2
  fi
done
scripts/bootstrap.sh build Release >/dev/null
work=build/ner-work
mkdir -p "$work"
if [ ! -s "$work/paths.txt" ]; then
  echo "word clusters: tokenizing the unlabeled text into $work/" >&2
  build/newsdex-ner tokenize "$shared/corpora/reuters21578/reuters21578.jsonl.gz" >"$work/reuters.txt"
  build/newsdex-ner tokenize --bio "$shared/ner/gmb_voa.bio" "$shared/ner/conll2003_train.bio" \
    "$shared/ner/wikigold.bio" >"$work/ner.txt"
  echo "word clusters: Brown clustering (about 3 minutes)" >&2
  build/brown_clusters --clusters 256 --min-count 3 --quiet --output "$work/paths.txt.tmp" \
    "$work/reuters.txt" "$work/ner.txt"
  mv "$work/paths.txt.tmp" "$work/paths.txt"
fi
build/newsdex-ner train \
  "$shared/ner/conll2003_train.bio" "$shared/ner/wikigold.bio" \
  --entity-list "$shared/ner/gmb_voa.bio" \
  --gazetteers "$shared/gazetteers" --lists ner/lists --clusters "$work/paths.txt" \
  --holdout-every 10 --epochs 10 --prune 0.5 --seed 1 \
  -o models/ner.model
cp models/ner.model build/ner.model
build/newsdex-ner eval "$shared/ner/conll2003_train.bio" --holdout-every 10
