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
# The name tables of the entities stage (canonical names), carried in the model;
# see common/entities/names.hpp. Country names, official names and spellings ->
# the common name (short spellings only when written in capitals, as DRC, UAE),
# then the press forms of tagger/lists/loc_press_forms.tsv (later rows win); person
# titles (the royal and peerage ones also as `peer`, kept before a single name; Mr, Dr,
# Sir and the peerage also as `honorific`, which make whatever follows a person);
# demonyms and government bodies with their country; never-entity words;
# tagger/lists/names_only.tsv, rows for canonical names only (not tagger features);
# and tagger/lists/entity_aliases.tsv, which entity each alias names.
g="$shared/gazetteers"
{
  awk -F'\t' '!/^#/ { print "alias\t" $1 "\t" $1; print "alias\t" $2 "\t" $1
    n = split($9, a, "|"); for (i = 1; i <= n; i++) if (length(a[i]) >= 5 || a[i] ~ /^[A-Z]+$/) print "alias\t" a[i] "\t" $1 }' \
    "$g/loc_countries.tsv"
  awk -F'\t' 'NR == FNR { if (!/^#/) common[$3] = $1; next }
    !/^#/ && $3 == "country" && ($2 in common) { print "alias\t" $1 "\t" common[$2] }' \
    "$g/loc_countries.tsv" "$g/loc_country_aliases.tsv"
  awk -F'\t' '!/^#/ { print "alias\t" $1 "\t" $2 }' tagger/lists/loc_press_forms.tsv
  awk -F'\t' '!/^#/ { print "title\t" $1 }' tagger/lists/per_titles.tsv
  awk -F'\t' '!/^#/ && ($2 == "royal" || $1 == "Pope") { print "peer\t" $1 }' tagger/lists/per_titles.tsv
  awk -F'\t' '!/^#/ && ($2 == "honorific" || $1 ~ /^(Mr|Mrs|Ms|Messrs|Mme|Dr|Prof|Professor|Lord|Lady|Baroness|Baron|Viscount|Earl|Countess)\.?$/) {
    print "honorific\t" $1 }' tagger/lists/per_titles.tsv
  awk -F'\t' 'NR == FNR { if (!/^#/) common[$3] = $1; next }
    !/^#/ && ($2 in common) { print FILENAME ~ /demonyms/ ? "demonym\t" $1 "\t" common[$2] : "govbody\t" $1 "\t" common[$2] }' \
    "$g/loc_countries.tsv" "$g/misc_demonyms.tsv" tagger/lists/org_government.tsv
  awk -F'\t' '!/^#/ { print "junk\t" $1 }' tagger/lists/misc_not_entities.tsv
  grep -v '^#' tagger/lists/names_only.tsv
  awk -F'\t' '!/^#/ && NF == 3 { print "entity\t" $0 }' tagger/lists/entity_aliases.tsv
} >"$work/names.tsv"
build/newsdex-ner train \
  "$shared/ner/conll2003_train.bio" "$shared/ner/wikigold.bio" \
  --entity-list "$shared/ner/gmb_voa.bio" \
  --gazetteers "$shared/gazetteers" --lists tagger/lists --clusters "$work/paths.txt" \
  --names "$work/names.tsv" --holdout-every 10 --epochs 10 --runs 3 --prune 0.5 --seed 1 \
  -o models/ner.model
cp models/ner.model build/ner.model
build/newsdex-ner eval "$shared/ner/conll2003_train.bio" --holdout-every 10
