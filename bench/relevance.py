#!/usr/bin/env python3
"""Relevance benchmark: newsdex's ranking against stock Xapian and SQLite FTS5 on judged test
collections (nDCG@10, P@10, MAP, R@100, scored as trec_eval 9.0.x does).

  python3 bench/relevance.py --build build [--shared DIR] [--collection NAME ...] [--out FILE.json]
                             [--markdown FILE] [--keep] [--work DIR] [--entities]
                             [--index-args "..."] [--query-args "..."]

Reads every collection under DIR/data/relevance/ (a folder holding docs.jsonl.gz, queries.tsv and
qrels.txt; see its README.md) and runs each topic, as written in queries.tsv, top 1,000, on:
  newsdex default, --all, --any  newsdex-index (--no-entities unless --entities) and
                                 newsdex-query --batch, the mode as the line's "all"/"any" key;
  stock Xapian                   TermGenerator and QueryParser (english stemmer, STEM_SOME,
                                 default flags, OR) with BM25Weight defaults; the title, then
                                 increase_termpos(), then the body (Xapian's usual way of indexing
                                 two fields as free text: no phrase matches across them). Run by a
                                 Python that has the xapian module (sys.executable or
                                 /usr/bin/python3), as this script's hidden --xapian-baseline mode;
  SQLite FTS5                    columns title and body, tokenize='porter unicode61', the topic's
                                 words each double-quoted and OR-ed, ranked by bm25() ascending.

Scoring (score_run): relevant = rel >= 1; averages over every judged query (no hits or an error:
0 on every measure); rankings sorted by score, ties broken by docid in decreasing string order,
cut at 1,000. tests/bench/relevance_test.py checks it against hand-computed values.

A benchmark, not a test: a missed target is shown (✗), never fails the run. Exit 1 when a tool
fails to run, 2 on bad arguments or missing data or binaries; 0 with a message when the shared
folder is absent.
"""
import argparse
import functools
import gzip
import json
import math
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = "data/relevance"
FILES = ("docs.jsonl.gz", "queries.tsv", "qrels.txt")
DEPTH = 1000
MEASURES = ("ndcg@10", "p@10", "map", "r@100")
NEWSDEX_MODES = {"newsdex default": {}, "newsdex --all": {"all": True}, "newsdex --any": {"any": True}}
XAPIAN, FTS5 = "stock Xapian", "SQLite FTS5"
PYTHONS = (sys.executable, "/usr/bin/python3")
STARTED = time.perf_counter()


class Failure(Exception):
    """A tool failed to run or gave a malformed answer: reported, and the run exits 1."""


def log(message):
    """Progress on stderr (stdout is the report)."""
    print(f"[{time.perf_counter() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


# ---- Scorer (trec_eval 9.0.x conventions) ----

def ranking(hits):
    """Docids of one query's (docid, score) hits as trec_eval orders them: score descending, ties
    by docid in decreasing string order; the first 1,000."""
    ordered = sorted(hits, key=lambda h: h[0], reverse=True)
    ordered.sort(key=lambda h: h[1], reverse=True)  # stable: ties keep the docid order
    return [docid for docid, _ in ordered[:DEPTH]]


def precision_at(docids, judged, k):
    """Relevant documents among the first k, divided by k (even when fewer were retrieved)."""
    return sum(judged.get(d, 0) >= 1 for d in docids[:k]) / k


def recall_at(docids, judged, k):
    """Relevant documents among the first k, divided by all relevant ones judged (0 when none)."""
    relevant = sum(r >= 1 for r in judged.values())
    return sum(judged.get(d, 0) >= 1 for d in docids[:k]) / relevant if relevant else 0.0


def average_precision(docids, judged):
    """The sum of the precision at each relevant document retrieved, divided by the number of
    relevant documents judged (0 when none)."""
    relevant = sum(r >= 1 for r in judged.values())
    found, total = 0, 0.0
    for rank, d in enumerate(docids, 1):
        if judged.get(d, 0) >= 1:
            found += 1
            total += found / rank
    return total / relevant if relevant else 0.0


def dcg(gains):
    """Discounted cumulative gain: gain at rank r divided by log2(r + 1)."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, 1))


def ndcg_at(docids, judged, k):
    """nDCG@k with gain = rel (negative as 0), the ideal ranking being every judged rel value
    sorted descending (trec_eval's ndcg_cut); 0 when nothing judged is relevant."""
    ideal = dcg(sorted((max(r, 0) for r in judged.values()), reverse=True)[:k])
    return dcg([max(judged.get(d, 0), 0) for d in docids[:k]]) / ideal if ideal else 0.0


def query_measures(hits, judged):
    """The four measures of one query's (docid, score) hits against its judgments {docid: rel}."""
    docids = ranking(hits)
    return {"ndcg@10": ndcg_at(docids, judged, 10), "p@10": precision_at(docids, judged, 10),
            "map": average_precision(docids, judged), "r@100": recall_at(docids, judged, 100)}


def score_run(run, qrels):
    """Scores a run {qid: [(docid, score)]} against qrels {qid: {docid: rel}}: the mean of each
    measure over every judged query (missing from the run: 0), "queries" (how many were
    averaged) and "per_query" {qid: {measure: value}}. Unjudged queries are ignored."""
    per_query = {qid: query_measures(run.get(qid, []), judged) for qid, judged in qrels.items()}
    n = len(per_query)
    means = {m: sum(q[m] for q in per_query.values()) / n if n else 0.0 for m in MEASURES}
    return {**means, "queries": n, "per_query": per_query}


# ---- Collections ----

def find_collections(data):
    """{name: folder} of every subfolder of data holding docs.jsonl.gz, queries.tsv and qrels.txt."""
    return {d.name: d for d in sorted(data.iterdir()) if d.is_dir() and all((d / f).is_file() for f in FILES)}


def read_docs(folder):
    """The collection's documents as dicts {"id", "title", "body"}, in file order."""
    with gzip.open(folder / "docs.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_queries(folder):
    """[(qid, text)] from queries.tsv (qid<TAB>text), in file order."""
    lines = (folder / "queries.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line.strip()]


def read_qrels(folder):
    """{qid: {docid: rel}} from TREC qrels lines (qid 0 docid rel)."""
    qrels = {}
    for line in (folder / "qrels.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, _, docid, rel = line.split()
            qrels.setdefault(qid, {})[docid] = int(rel)
    return qrels


# ---- newsdex ----

def call(cmd, ok=(0,)):
    """Runs cmd; returns its stdout. Raises Failure when its exit code is not in ok."""
    cmd = [str(c) for c in cmd]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise Failure(f"cannot run {shlex.join(cmd)}: {e}") from None
    if proc.returncode not in ok:
        tail = "\n".join("    " + l for l in proc.stderr.strip().splitlines()[-12:]) or "    (nothing)"
        raise Failure(f"{shlex.join(cmd)}: exit code {proc.returncode}; its stderr ends:\n{tail}")
    return proc.stdout


def index_newsdex(build, folder, db, documents, index_args, entities):
    """Indexes the collection into a fresh newsdex database; fails unless it holds every document."""
    shutil.rmtree(db, ignore_errors=True)
    cmd = [build / "newsdex-index", "--db", db, "-q", "--json", *([] if entities else ["--no-entities"]),
           *index_args, folder / "docs.jsonl.gz"]
    out = call(cmd, ok=(0, 1))  # 1: some input skipped, with a message
    try:
        count = json.loads(out.strip().splitlines()[-1])["documents"]
    except (IndexError, ValueError, KeyError):
        raise Failure(f"{shlex.join(map(str, cmd))}: no JSON summary on stdout") from None
    if count != documents:
        raise Failure(f"{shlex.join(map(str, cmd))}: the database holds {count} documents, not {documents}")


def query_newsdex(build, db, queries, mode, query_args, batch):
    """Answers every query in one newsdex-query --batch run (mode: extra JSON keys, e.g. "any");
    returns ({qid: [(docid, score)]}, {qid: error message})."""
    with open(batch, "w", encoding="utf-8") as f:
        for qid, text in queries:
            f.write(json.dumps({"id": qid, "q": text, "limit": DEPTH, **mode}, ensure_ascii=False) + "\n")
    cmd = [build / "newsdex-query", "--db", db, "--batch", batch, "--json", "--facets", "0", "--limit", DEPTH,
           "--snippet-length", "20", *query_args]
    answers = [json.loads(line) for line in call(cmd, ok=(0, 1)).splitlines() if line.strip()]  # 1: some errors
    if len(answers) != len(queries) or any(str(a.get("id")) != q for a, (q, _) in zip(answers, queries)):
        raise Failure(f"{shlex.join(map(str, cmd))}: {len(answers)} answers for {len(queries)} queries, "
                      "or not in their order")
    run = {q: [(h["id"], h["score"]) for h in a.get("hits") or []] for a, (q, _) in zip(answers, queries)}
    return run, {q: a["error"] for a, (q, _) in zip(answers, queries) if "error" in a}


# ---- stock Xapian (run in a Python that has the xapian module) ----

@functools.cache
def xapian_python():
    """The first of sys.executable and /usr/bin/python3 that can import xapian, or None."""
    for python in dict.fromkeys(PYTHONS):
        if os.access(python, os.X_OK) and subprocess.run([python, "-c", "import xapian"],
                                                         capture_output=True).returncode == 0:
            return python
    return None


def xapian_index(folder, path):
    """Indexes the collection with stock Xapian into a new database at path (title, then
    increase_termpos(), then body; the docid as the document's data); returns it."""
    import xapian
    db = xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OVERWRITE)
    indexer = xapian.TermGenerator()
    indexer.set_stemmer(xapian.Stem("english"))
    for d in read_docs(folder):
        doc = xapian.Document()
        indexer.set_document(doc)
        indexer.index_text(d.get("title") or "")
        indexer.increase_termpos()
        indexer.index_text(d.get("body") or "")
        doc.set_data(d["id"])
        db.add_document(doc)
    db.commit()
    return db


def xapian_baseline(folder, work):
    """Hidden --xapian-baseline mode: indexes the collection into work/xapian.db, runs every query
    (QueryParser defaults but OR, english, STEM_SOME; BM25Weight defaults; a query the parser
    refuses is an error) and writes {"run", "errors", "version"} to work/xapian-run.json."""
    import xapian
    db = xapian_index(folder, work / "xapian.db")
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_database(db)
    parser.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    run, errors = {}, {}
    for qid, text in read_queries(folder):
        try:
            enquire.set_query(parser.parse_query(text))
        except xapian.QueryParserError as e:
            run[qid], errors[qid] = [], str(e)
            continue
        run[qid] = [(m.document.get_data().decode("utf-8"), m.weight) for m in enquire.get_mset(0, DEPTH)]
    out = {"run": run, "errors": errors, "version": xapian.version_string()}
    (work / "xapian-run.json").write_text(json.dumps(out), encoding="utf-8")


def run_xapian(folder, work):
    """Stock Xapian's ((run, errors), note) through a child Python; (None, why) when no Python here
    has the xapian module."""
    python = xapian_python()
    if python is None:
        return None, (f"skipped: no Python with the xapian module among {', '.join(dict.fromkeys(PYTHONS))} "
                      "(scripts/install-packages.sh bench installs python3-xapian)")
    call([python, Path(__file__).resolve(), "--xapian-baseline", folder, work])
    out = json.loads((work / "xapian-run.json").read_text(encoding="utf-8"))
    return (out["run"], out["errors"]), f"Xapian {out['version']} ({python})"


# ---- SQLite FTS5 ----

def fts5_query(text):
    """The FTS5 query for a topic: its words (alphanumeric runs, lower-cased, as unicode61 splits
    them), each double-quoted, joined with OR; '' when it has none."""
    return " OR ".join(f'"{w}"' for w in re.findall(r"[^\W_]+", text.lower()))


def fts5_search(con, docs, queries):
    """Runs every query on the FTS5 table docs (best bm25() first, top 1,000); returns
    ({qid: [(docid, -bm25)]}, {qid: error}); a query FTS5 refuses (no words) is an error."""
    run, errors = {}, {}
    for qid, text in queries:
        try:
            rows = con.execute("SELECT rowid, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                               (fts5_query(text), DEPTH)).fetchall()
        except sqlite3.OperationalError as e:
            rows, errors[qid] = [], str(e)
        run[qid] = [(docs[rowid]["id"], -score) for rowid, score in rows]
    return run, errors


def run_fts5(folder, work):
    """SQLite FTS5's ((run, errors), note) over the collection in work/fts5.sqlite (columns title and
    body, porter unicode61, rowid = line number); (None, why) when this SQLite has no FTS5."""
    docs = read_docs(folder)
    path = work / "fts5.sqlite"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        try:
            con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
        except sqlite3.OperationalError as e:
            return None, f"skipped: SQLite {sqlite3.sqlite_version} has no FTS5 ({e})"
        con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                        ((n, d.get("title") or "", d.get("body") or "") for n, d in enumerate(docs)))
        con.commit()
        return fts5_search(con, docs, read_queries(folder)), f"SQLite {sqlite3.sqlite_version}"
    finally:
        con.close()


# ---- One collection ----

def system_row(system, answer, queries, qrels, seconds, note=""):
    """A system's figures: the four measures, queries answered, errored and with no hits (over every
    query run), the errors {qid: message}, per-query nDCG@10 and seconds (index and queries)."""
    run, errors = answer
    scored = score_run(run, qrels)
    return {"system": system, "skipped": None, "note": note, **{m: scored[m] for m in MEASURES},
            "scored": scored["queries"], "answered": len(queries) - len(errors), "errored": len(errors),
            "no_hits": sum(q not in errors and not run.get(q) for q, _ in queries),
            "errors": errors, "seconds": round(seconds, 2),
            "per_query_ndcg@10": {q: round(v["ndcg@10"], 4) for q, v in scored["per_query"].items()}}


def run_newsdex(folder, build, work, queries, qrels, options):
    """newsdex's rows: the collection indexed once (options: documents, index_args, query_args,
    entities), then queried once per mode; each row's seconds include the indexing."""
    start = time.perf_counter()
    db = work / "newsdex.db"
    index_newsdex(build, folder, db, options["documents"], options["index_args"], options["entities"])
    indexed = time.perf_counter() - start
    rows = []
    for system, mode in NEWSDEX_MODES.items():
        start = time.perf_counter()
        answer = query_newsdex(build, db, queries, mode, options["query_args"], work / "batch.jsonl")
        rows.append(system_row(system, answer, queries, qrels, indexed + time.perf_counter() - start))
    return rows


def run_peer(system, runner, folder, work, queries, qrels):
    """A peer's row from runner(folder, work) -> ((run, errors), note); a skipped row when it
    returns (None, why)."""
    start = time.perf_counter()
    answer, note = runner(folder, work)
    if answer is None:
        return {"system": system, "skipped": note}
    return system_row(system, answer, queries, qrels, time.perf_counter() - start, note)


def evaluate(folder, build, work, index_args=(), query_args=(), entities=False, progress=log):
    """Runs every system on one collection (folder) with its files in work; returns the
    collection's result: sizes, one row per system, the target figures."""
    work.mkdir(parents=True, exist_ok=True)
    docs, queries, qrels = len(read_docs(folder)), read_queries(folder), read_qrels(folder)
    progress(f"relevance {folder.name}: {docs:,} documents, {len(queries)} queries, {len(qrels)} judged")
    options = {"documents": docs, "index_args": list(index_args), "query_args": list(query_args),
               "entities": entities}
    progress(f"relevance {folder.name}: newsdex ({'with' if entities else 'no'} entities)")
    rows = run_newsdex(folder, build, work, queries, qrels, options)
    for system, runner in ((XAPIAN, run_xapian), (FTS5, run_fts5)):
        progress(f"relevance {folder.name}: {system}")
        rows.append(run_peer(system, runner, folder, work, queries, qrels))
    result = {"collection": folder.name, "documents": docs, "queries": len(queries), "judged": len(qrels),
              "entities": entities, "index_args": options["index_args"], "query_args": options["query_args"],
              "systems": rows}
    return {**result, "target": target(result)}


def target(result):
    """The targets: newsdex default's nDCG@10 against the better of stock Xapian and FTS5 (met:
    None when both were skipped), and the queries its default mode refused (target 0)."""
    rows = {r["system"]: r for r in result["systems"]}
    default = rows["newsdex default"]
    peers = [rows[s] for s in (XAPIAN, FTS5) if not rows[s]["skipped"]]
    best = max(peers, key=lambda r: r["ndcg@10"]) if peers else None
    return {"ndcg@10": default["ndcg@10"], "best_peer": best and best["system"],
            "best_peer_ndcg@10": best and best["ndcg@10"],
            "met": None if best is None else default["ndcg@10"] >= best["ndcg@10"],
            "refused": default["errored"]}


# ---- Report ----

def render(header, right, rows, markdown):
    """A table as aligned text, or as Markdown (right: which columns are right-aligned)."""
    if markdown:
        return ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if r else "---" for r in right) + "|",
                *("| " + " | ".join(row) + " |" for row in rows)]
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]
    return ["  ".join(x.rjust(w) if r else x.ljust(w) for x, w, r in zip(row, widths, right)).rstrip()
            for row in (header, *rows)]


def table(result, markdown=False):
    """One collection's table: a row per system, the four measures and query counts."""
    rows = []
    for r in result["systems"]:
        if r["skipped"]:
            rows.append([r["system"], *["—"] * 7])
        else:
            rows.append([r["system"], *(f"{r[m]:.3f}" for m in MEASURES),
                         *(str(r[k]) for k in ("answered", "errored", "no_hits"))])
    header = ["system", "nDCG@10", "P@10", "MAP", "R@100", "answered", "errored", "no hits"]
    return render(header, [False] + [True] * 7, rows, markdown)


def mark(met):
    """✓, ✗, or nothing when there was nothing to compare."""
    return {True: "✓", False: "✗", None: ""}[met]


def error_summary(errors):
    """'N errors: message (query qid); ...' for {qid: message}: up to 3 distinct messages, each
    with the first query that got it."""
    first = {}
    for qid, message in errors.items():
        first.setdefault(message, qid)
    return f"{len(errors)} errors: " + "; ".join(f"{m} (query {q})" for m, q in list(first.items())[:3])


def notes(result):
    """Lines on the peers' versions, skipped rows and each system's errors."""
    lines = []
    for r in result["systems"]:
        if r["skipped"] or r.get("note"):
            lines.append(f"{r['system']}: {r['skipped'] or r['note']}")
        if r.get("errors"):
            lines.append(f"{r['system']}: {error_summary(r['errors'])}")
    return lines


def target_lines(result):
    """The target lines under a collection's table, then its notes."""
    t = result["target"]
    vs = f"{t['ndcg@10']:.3f} vs {t['best_peer_ndcg@10']:.3f} ({t['best_peer']})" if t["best_peer"] else \
        f"{t['ndcg@10']:.3f} (no peer ran)"
    return [f"default nDCG@10 >= max(stock Xapian, FTS5): {vs} {mark(t['met'])}",
            f"queries refused by default mode: {t['refused']} (target 0) {mark(t['refused'] == 0)}", *notes(result)]


def report(results, markdown=False):
    """The report: per collection a heading, the table and the target lines."""
    out = []
    for res in results:
        out += [f"{'### ' if markdown else '== '}Relevance: {res['collection']} ({res['documents']:,} documents, "
                f"{res['queries']} queries, averages over the {res['judged']} judged)", ""]
        out += table(res, markdown) + [""]
        out += [("- " if markdown else "") + line for line in target_lines(res)] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---- Command line ----

def parse_args():
    """Command-line options (and the hidden --xapian-baseline FOLDER WORK mode)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", type=Path, default=ROOT / "build", help="folder of newsdex-index and newsdex-query")
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (data in DIR/data)")
    p.add_argument("--collection", action="extend", nargs="+", default=[], metavar="NAME",
                   help="only these collections (default: every one)")
    p.add_argument("--out", type=Path, default=ROOT / "build/bench/relevance.json", help="JSON results")
    p.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    p.add_argument("--work", type=Path, help="work folder, kept (default: a temporary one under build/bench)")
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    p.add_argument("--entities", action="store_true", help="index with entities (default: --no-entities)")
    p.add_argument("--index-args", default="", help="extra newsdex-index arguments, e.g. \"--no-spelling\"")
    p.add_argument("--query-args", default="", help="extra newsdex-query arguments")
    p.add_argument("--xapian-baseline", nargs=2, type=Path, help=argparse.SUPPRESS)
    a = p.parse_args()
    a.build = a.build.resolve()
    return a


def check_inputs(args):
    """The collections to run {name: folder}; None (with a message) when the shared folder is absent.
    Raises SystemExit(2) on missing data or binaries."""
    if not args.shared.is_dir():
        print(f"relevance.py: {args.shared} is absent: relevance benchmark skipped (give --shared DIR)",
              file=sys.stderr)
        return None
    data = args.shared / DATA
    found = find_collections(data) if data.is_dir() else {}
    wanted = args.collection or list(found)
    missing = [f"{data / n} (with {', '.join(FILES)})" for n in wanted if n not in found] or \
        ([] if wanted else [f"collections in {data}"])
    missing += [str(args.build / t) for t in ("newsdex-index", "newsdex-query")
                if not os.access(args.build / t, os.X_OK)]
    if missing:
        print(f"relevance.py: missing {', '.join(missing)} (give --shared DIR, --build DIR)", file=sys.stderr)
        raise SystemExit(2)
    return {n: found[n] for n in wanted}


def run_all(args, collections, work):
    """Every collection's result, each in its own subfolder of work."""
    return [evaluate(folder, args.build, work / name, shlex.split(args.index_args), shlex.split(args.query_args),
                     args.entities) for name, folder in collections.items()]


def write(args, results):
    """Prints the report, writes the JSON (and Markdown)."""
    sys.stdout.write(report(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"collections": results}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(report(results, markdown=True), encoding="utf-8")
    log(f"results written to {args.out}" + (f" and {args.markdown}" if args.markdown else ""))


def main():
    """Checks the inputs, runs every collection, prints the report; exit 0, 1 (a tool failed) or 2."""
    args = parse_args()
    if args.xapian_baseline:
        xapian_baseline(*args.xapian_baseline)
        return 0
    collections = check_inputs(args)
    if collections is None:
        return 0
    if args.work:
        work, temporary = args.work.resolve(), False
    else:
        (ROOT / "build/bench").mkdir(parents=True, exist_ok=True)
        work, temporary = Path(tempfile.mkdtemp(prefix="relevance-", dir=ROOT / "build/bench")), True
    try:
        results = run_all(args, collections, work)
    except Failure as e:
        print(f"relevance.py: {e}", file=sys.stderr)
        return 1
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"work folder kept: {work}")
    write(args, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
