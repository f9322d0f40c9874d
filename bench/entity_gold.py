#!/usr/bin/env python3
"""Scores newsdex's entity facets against the hand-made gold of bench/gold/ (see its README).

  python3 bench/entity_gold.py --build build [--shared ../shared] [--json FILE] [--keep DIR]

Indexes one archive made of the bundled corpus/, the articles bench/gold/articles/ holds, and
(when ../shared is there) all of Reuters-21578, so that names are resolved across an archive as
a user's would be; then reads back, for every gold article, the people, places and
organizations newsdex shows for it (`newsdex-query --batch`, `id:` queries) and prints strict
precision, recall and F1 per type and per part of the gold set:

  a value is right when its type and name match one gold entity's name or alias (case, accents,
  dots, a leading "the" and a trailing possessive do not matter); each gold entity is matched
  once, so a second value for an entity already matched counts as a false positive.

Also prints, over the whole archive, the values found under two or more types and the share of
person values that are a single word (`newsdex-query --entities`). Exit 2 on bad arguments or
missing tools; a benchmark, not a test: low scores never fail it. `score()` is the scorer the
test suite checks against hand-computed cases (tests/bench/entity_gold_test.py).
"""
import argparse
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
TYPES = ("person", "place", "org")
REUTERS = "data/corpora/reuters21578/reuters21578.jsonl.gz"


def norm(name):
    """The form names are compared in: case-folded, accents stripped, dots removed, a trailing
    possessive, a leading "the" and a final legal form ("Co", "Inc") dropped, "&" as "and",
    hyphens, commas and white space as one space."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").casefold()
    s = s.replace(".", "")
    s = re.sub(r"'s$|'$", "", s.strip())
    s = s.replace("&", " and ")
    s = re.sub(r"[\s\-,]+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    # Legal forms are not part of a company's name: "Ford Motor Co" is "Ford Motor".
    s = re.sub(r" (co|corp|corporation|inc|incorporated|ltd|limited|plc|llc|company|ag|sa|nv)$", "", s)
    return s


def read_gold(paths):
    """{article: [(type, {names})]} from gold TSV files; every article listed, even with none."""
    gold = collections.OrderedDict()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) == 2 and cols[1] == "none":
                gold.setdefault(cols[0], [])
                continue
            if len(cols) != 4 or cols[1] not in TYPES:
                raise SystemExit(f"{path}:{n}: error: expected article<TAB>type<TAB>name<TAB>aliases")
            names = {norm(cols[2])} | {norm(a) for a in cols[3].split("|") if a.strip()}
            gold.setdefault(cols[0], []).append((cols[1], names))
    return gold


def score(gold, predicted):
    """Counts per type: {"person": {"tp", "fp", "fn"}, ...} for one article's gold
    [(type, {names})] and predicted [(type, name)] values."""
    counts = {t: collections.Counter() for t in TYPES}
    matched = [False] * len(gold)
    for ptype, name in predicted:
        n = norm(name)
        hit = None
        for i, (gtype, names) in enumerate(gold):
            if gtype == ptype and n in names:
                hit = i
                if not matched[i]:
                    break
        if hit is not None and not matched[hit]:
            matched[hit] = True
            counts[ptype]["tp"] += 1
        else:
            counts[ptype]["fp"] += 1
    for i, (gtype, _) in enumerate(gold):
        if not matched[i]:
            counts[gtype]["fn"] += 1
    return counts


def prf(c):
    """Precision, recall and F1 of counts {"tp", "fp", "fn"} (missing counts are 0)."""
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode not in (0, 1):
        sys.exit(f"entity_gold: {' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(ROOT / "build"), help="folder with newsdex-index and newsdex-query")
    ap.add_argument("--shared", default=os.environ.get("NEWSDEX_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    ap.add_argument("--keep", help="index into this folder and keep it (default: a temporary one)")
    ap.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    ap.add_argument("--no-reuters-archive", action="store_true",
                    help="index only the gold's Reuters articles, not all 21,578 (faster, less context)")
    args = ap.parse_args()
    index_bin, query_bin = Path(args.build) / "newsdex-index", Path(args.build) / "newsdex-query"
    for b in (index_bin, query_bin):
        if not b.exists():
            sys.exit(f"entity_gold: {b} is missing; build first (scripts/bootstrap.sh)")

    parts = {"corpus": [GOLD / "corpus.tsv"]}
    for tsv in sorted(GOLD.glob("*.tsv")):
        if tsv.stem not in ("corpus", "reuters"):
            parts[tsv.stem] = [tsv]
    reuters = Path(args.shared) / REUTERS
    if reuters.exists():
        parts["reuters"] = [GOLD / "reuters.tsv"]
    else:
        print(f"entity_gold: {reuters} is absent: the Reuters part of the gold is skipped", file=sys.stderr)
    gold_by_part = {p: read_gold(paths) for p, paths in parts.items()}

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newsdex-gold-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        inputs = [str(ROOT / "corpus")] + [str(p) for p in sorted((GOLD / "articles").glob("*.jsonl"))]
        if reuters.exists():
            if args.no_reuters_archive:
                wanted = set(gold_by_part["reuters"])
                subset = work / "reuters-gold.jsonl"
                with gzip.open(reuters, "rt", encoding="utf-8") as src, open(subset, "w", encoding="utf-8") as dst:
                    for line in src:
                        if json.loads(line)["id"] in wanted:
                            dst.write(line)
                inputs.append(str(subset))
            else:
                inputs.append(str(reuters))
        db = work / "gold.db"
        if not args.keep and db.exists():
            shutil.rmtree(db)
        run([index_bin, "--db", db, "-q", *inputs])
        queries = work / "queries.jsonl"
        ids = [a for g in gold_by_part.values() for a in g]
        with open(queries, "w", encoding="utf-8") as f:
            for a in ids:
                f.write(json.dumps({"id": a, "q": 'id:"' + a.replace('"', "") + '"', "limit": 1, "facets": 0}) + "\n")
        out = run([query_bin, "--db", db, "--batch", queries]).stdout
        shown, found = {}, set()
        for line in out.splitlines():
            answer = json.loads(line)
            hits = answer.get("hits") or []
            if hits:
                found.add(answer["id"])
            shown[answer["id"]] = [(t, n) for h in hits[:1] for t in TYPES for n in h["entities"][t]]
        not_found = [a for a in ids if a not in found]
        if not_found:
            print(f"entity_gold: {len(not_found)} gold articles are not in the archive: {not_found[:5]}",
                  file=sys.stderr)

        totals = {t: collections.Counter() for t in TYPES}
        report = {"parts": {}}
        errors = []
        for part, gold in gold_by_part.items():
            part_counts = {t: collections.Counter() for t in TYPES}
            for article, entities in gold.items():
                predicted = shown.get(article, [])
                c = score(entities, predicted)
                for t in TYPES:
                    part_counts[t].update(c[t])
                    totals[t].update(c[t])
                if args.errors:
                    golden = [(t, names) for t, names in entities]
                    for t, name in predicted:
                        if not any(t == gt and norm(name) in names for gt, names in golden):
                            errors.append(f"{article}\tFP\t{t}\t{name}")
                    for gt, names in golden:
                        if not any(t == gt and norm(n) in names for t, n in predicted):
                            errors.append(f"{article}\tFN\t{gt}\t{sorted(names)[0]}")
            report["parts"][part] = {"articles": len(gold), **summary(part_counts)}
        report["overall"] = summary(totals)
        report["articles"] = len(ids)

        # Over the whole archive: values under several types, one-word people.
        by_type = {}
        for t in TYPES:
            listing = json.loads(run([query_bin, "--db", db, "--entities", t, "--limit", "10000", "--json"]).stdout)
            by_type[t] = {norm(e["name"]) for e in listing["entities"]}
            report.setdefault("archive", {})[f"{t}_values"] = listing["total"]
        several = collections.Counter(n for t in TYPES for n in by_type[t])
        report["archive"]["values_under_several_types"] = sum(1 for n, c in several.items() if c > 1)
        people = by_type["person"]
        one_word = sum(1 for n in people if " " not in n)
        report["archive"]["person_one_word"] = one_word
        report["archive"]["person_one_word_share"] = round(one_word / len(people), 4) if people else 0.0

        print_report(report)
        if args.errors:
            print("\n".join(errors))
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def summary(counts):
    out = {}
    all_c = collections.Counter()
    for t in TYPES:
        p, r, f = prf(counts[t])
        out[t] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **dict(counts[t])}
        all_c.update(counts[t])
    p, r, f = prf(all_c)
    out["all"] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **dict(all_c)}
    return out


def print_report(report):
    print(f"Entity facets against the gold of bench/gold/ ({report['articles']} articles), strict:")
    print(f"{'part':<15}{'articles':>9}" + "".join(f"{t + ' F1':>12}" for t in (*TYPES, "all")))
    for part, s in report["parts"].items():
        print(f"{part:<15}{s['articles']:>9}" + "".join(f"{s[t]['f1']:>12.3f}" for t in (*TYPES, "all")))
    o = report["overall"]
    print(f"{'overall':<15}{report['articles']:>9}" + "".join(f"{o[t]['f1']:>12.3f}" for t in (*TYPES, "all")))
    print("\n" + f"{'type':<8}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}")
    for t in (*TYPES, "all"):
        s = o[t]
        print(f"{t:<8}{s['precision']:>10.4f}{s['recall']:>8.4f}{s['f1']:>8.4f}"
              f"{s.get('tp', 0):>7}{s.get('fp', 0):>7}{s.get('fn', 0):>7}")
    a = report["archive"]
    print(f"\nWhole archive: {a['person_values']} people, {a['place_values']} places, {a['org_values']} "
          f"organizations; {a['values_under_several_types']} values under two or more types; "
          f"{a['person_one_word']} one-word person values ({100 * a['person_one_word_share']:.1f}%).")


if __name__ == "__main__":
    main()
