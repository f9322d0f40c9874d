#!/usr/bin/env python3
"""newsdex benchmark suite: indexing, entity extraction and queries, side by side with
scriptindex/quest (Xapian Omega) and SQLite FTS5, on Reuters-21578 and N copies of it; ranking
quality against stock Xapian and SQLite FTS5 on judged collections (bench/relevance.py).

  bench/run.sh [--smoke] [--shared DIR] [--out FILE.json] ...   (builds Release first)
  python3 bench/suite.py --build DIR [--smoke] [--scale N] [--repeats R] [--markdown FILE] ...

A benchmark, not a test: targets are shown (✓/✗) but a missed one never fails the run.
Exit 1 only when a tool failed to run or a database holds the wrong number of articles,
2 on bad arguments or missing inputs. Runs are interleaved (each repeat runs every tool
in turn), so ratios compare runs of the same moment on a noisy machine.
"""
import argparse
import csv
import gzip
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import relevance  # bench/relevance.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
REUTERS = "data/corpora/reuters21578/reuters21578.jsonl.gz"
QUERY_FILES = ("trec-robust04-titles.txt", "trec-adhoc-51-200-titles.txt", "trec-core17-core18-titles.txt")
TOOLS = ("newsdex (entities)", "newsdex (no entities)", "newsdex (entities, 1 shard)", "scriptindex", "sqlite fts5")
# newsdex writes one shard per core (--shards N, in parallel), except in its 1-shard row.
SHARDS = str(os.cpu_count() or 1)
NEWSDEX_FLAGS = {"newsdex (entities)": ["--shards", SHARDS],
                 "newsdex (no entities)": ["--shards", SHARDS, "--no-entities"],
                 "newsdex (entities, 1 shard)": ["--shards", "1"]}
SI_SCRIPT = """id : field=id boolean=Q unique=Q
title : field=title index=S index
date : value=0
body : index truncate=300 field=sample
"""
# .import works straight into the FTS5 table (no plain table in between).
FTS_SQL = """CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61');
.mode csv
.import "{csv}" articles
"""
STARTED = time.perf_counter()
CHILD = []  # the tool running now


def stop(signum, _frame):
    """On SIGTERM: stops the running tool, then exits (main still removes the work folder)."""
    for proc in CHILD:
        proc.terminate()
        proc.wait()
    sys.exit(128 + signum)


class Failure(Exception):
    """A tool failed to run or gave a wrong result: reported, and the suite exits 1."""


def log(message):
    """Progress on stderr (stdout is the report)."""
    print(f"[{time.perf_counter() - STARTED:6.0f}s] {message}", file=sys.stderr, flush=True)


def tail(text, lines=12):
    """The last lines of a tool's output, indented, for an error message."""
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:]) or "    (nothing)"


def run(cmd, stdin=None, ok=(0,)):
    """Runs cmd (stdin from a file or /dev/null); returns (wall s, peak RSS KiB, exit code,
    stdout, stderr). Raises Failure when killed by a signal or the exit code is not in ok
    (ok=None: any exit code)."""
    cmd = [str(c) for c in cmd]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(stdin or os.devnull, "rb") as inp:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=inp, stdout=out, stderr=err)
        except OSError as e:
            raise Failure(f"cannot run {shlex.join(cmd)}: {e}") from None
        CHILD[:] = [proc]
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        CHILD.clear()
        out.seek(0)
        err.seek(0)
        stdout, stderr = (f.read().decode("utf-8", "replace") for f in (out, err))
    if rc < 0 or (ok is not None and rc not in ok):
        why = f"killed by signal {-rc}" if rc < 0 else f"exit code {rc}"
        raise Failure(f"{shlex.join(cmd)}: {why}; its stderr ends:\n{tail(stderr)}")
    return seconds, usage.ru_maxrss, rc, stdout, stderr


def sh(cmd):
    """A command's stdout, stripped; '' when it cannot run (for machine facts only)."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_facts(bin_dir):
    """CPU, cores, RAM, kernel, tool versions, date and git commit, for the report header."""
    cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace").splitlines()
    cpu = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), platform.processor())
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    ram_kib = next(int(l.split()[1]) for l in meminfo if l.startswith("MemTotal:"))
    xapian = (sh(["xapian-config", "--version"]).split() or [""])[-1] or \
        sh(["dpkg-query", "-W", "-f=${Version}", "libxapian30"])
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    if sh(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]):
        commit += " (with uncommitted changes)"
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(ram_kib / 2**20, 1),
        "kernel": platform.release(), "load_average": [round(x, 2) for x in os.getloadavg()],
        "xapian": xapian, "sqlite3": (sh(["sqlite3", "--version"]).split() or [""])[0],
        "scriptindex": sh(["scriptindex", "--version"]),
        "newsdex": sh([str(bin_dir / "newsdex-index"), "--version"]), "binaries": str(bin_dir),
        "python": platform.python_version(), "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "git_commit": commit,
    }


def si_record(a):
    """One article as a scriptindex record: field=value lines, a value's continuation lines
    start with '=', a blank line ends it. Null title/body: empty; null date: no date."""
    lines = []
    for field in ("id", "title", "date", "body"):
        value = a.get(field)
        if value is None and field == "date":
            continue
        value = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
        if field == "date":
            value = value.replace("-", "")
        lines.append(f"{field}=" + "\n=".join(value.split("\n")))
    return "\n".join(lines) + "\n\n"


def read_articles(gz, limit):
    """Yields (line, article) for each line of the gzipped JSON Lines file (the first `limit`)."""
    with gzip.open(gz, "rt", encoding="utf-8") as f:
        lines = (line if line.endswith("\n") else line + "\n" for line in f if line.strip())
        for n, line in enumerate(lines):
            if limit and n >= limit:
                return
            yield line, json.loads(line)


def prepare_corpora(gz, work, copies, limit):
    """Writes each corpus (×1 and ×N: copy k>0 has ids '<id>-x<k>') as plain JSON Lines, as
    scriptindex records, as CSV for SQLite and the SQL that imports it. Not timed. Streams,
    so that the suite stays small: a child's peak RSS starts from the suite's own (see main)."""
    corpora = []
    for n in copies:
        base, count = work / f"corpus-x{n}", 0
        paths = {ext: base.with_suffix("." + ext) for ext in ("jsonl", "si", "csv", "sql")}
        with open(paths["jsonl"], "w", encoding="utf-8") as j, open(paths["si"], "w", encoding="utf-8") as s, \
                open(paths["csv"], "w", encoding="utf-8", newline="") as c:
            rows = csv.writer(c, lineterminator="\n")
            for k in range(n):
                for line, a in read_articles(gz, limit):
                    if k:
                        a = dict(a, id=f"{a['id']}-x{k}")
                        line = json.dumps(a, ensure_ascii=False) + "\n"
                    j.write(line)
                    s.write(si_record(a))
                    rows.writerow([a.get("id") or "", a.get("title") or "", a.get("body") or ""])
                    count += 1
        paths["sql"].write_text(FTS_SQL.format(csv=paths["csv"]))
        corpora.append({"label": f"×{n}", "copies": n, "articles": count,
                        "mb": paths["jsonl"].stat().st_size / 1e6, "paths": {k: str(v) for k, v in paths.items()}})
        log(f"corpus ×{n}: {count:,} articles, {corpora[-1]['mb']:.1f} MB of JSON Lines")
    return corpora


def size_mib(path):
    """Bytes of a file, or of every file under a folder, in MiB."""
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def remove(path):
    """Deletes a database (folder or file) if present."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def index_once(tool, corpus, db, args, script):
    """Indexes a corpus with one tool into a fresh database; returns wall seconds, peak RSS,
    database size and rates. Fails when the database does not hold every article."""
    paths = corpus["paths"]
    remove(db)
    if tool.startswith("newsdex"):
        cmd = [args.build / "newsdex-index", "--db", db, "-q", "--json", *shlex.split(args.newsdex_args)]
        cmd += NEWSDEX_FLAGS[tool] + [paths["jsonl"]]
        seconds, rss, _, out, err = run(cmd, ok=(0, 1))  # 1: some input skipped, with a message
        try:
            count = json.loads(out.strip().splitlines()[-1])["documents"]
        except (IndexError, ValueError, KeyError):
            raise Failure(f"{shlex.join(map(str, cmd))}: no JSON summary on stdout:\n{tail(out)}\n{tail(err)}") from None
    elif tool == "scriptindex":
        cmd = ["scriptindex", "--stemmer=english", db, script, paths["si"]]
        seconds, rss, _, out, err = run(cmd)
        m = re.search(r"records \(added, replaced, deleted, skipped\) = \((\d+),", out + err)
        count = int(m.group(1)) if m else None
    else:
        cmd = ["sqlite3", "-bail", db]
        seconds, rss, _, out, err = run(cmd, stdin=paths["sql"])
        count = int(run(["sqlite3", db, "SELECT count(*) FROM articles;"])[3] or -1)
    if count != corpus["articles"]:
        raise Failure(f"{shlex.join(map(str, cmd))}: the database holds {count} articles, not "
                      f"{corpus['articles']}; output ends:\n{tail(out + err)}")
    return {"seconds": seconds, "peak_rss_mib": rss / 1024, "db_mib": size_mib(db),
            "articles_per_s": corpus["articles"] / seconds, "mb_per_s": corpus["mb"] / seconds}


def bench_indexing(corpora, args, work, failures):
    """Indexes every corpus with every tool, repeats interleaved. Returns one row per (corpus,
    tool) with the median of each measurement, and the databases kept from the last repeat
    of the last corpus (newsdex with entities, scriptindex) for the query benchmarks."""
    script = work / "scriptindex.script"
    script.write_text(SI_SCRIPT)
    runs, kept = {}, {}
    for corpus in corpora:
        for r in range(args.repeats):
            for tool in TOOLS:
                slug = re.sub(r"[^a-z0-9]+", "-", tool).strip("-")
                db = work / f"{slug}-x{corpus['copies']}-r{r}{'.sqlite' if 'sqlite' in tool else '.db'}"
                log(f"indexing {corpus['label']} with {tool} (run {r + 1}/{args.repeats})")
                try:
                    runs.setdefault((corpus["label"], tool), []).append(index_once(tool, corpus, db, args, script))
                except Failure as e:
                    failures.append(str(e))
                    remove(db)
                    continue
                if corpus is corpora[-1] and r == args.repeats - 1 and tool in ("newsdex (entities)", "scriptindex"):
                    kept[tool] = db
                else:
                    remove(db)
    rows = []
    for (label, tool), measured in runs.items():
        if measured:
            median = {k: statistics.median(m[k] for m in measured) for k in measured[0]}
            rows.append({"corpus": label, "tool": tool, "runs": measured, "median": median})
    return rows, kept


def bench_ner(args):
    """Entity extraction alone: ner_bench's BM_ExtractEntities (the tagger) and BM_ArticleEntities
    (the whole entities stage the indexer runs: tagger and names) over Reuters (read from the
    shared folder compiled into ner_bench). Returns tokens/s and MB/s of each."""
    cmd = [args.build / "ner_bench", "--benchmark_filter=BM_ExtractEntities|BM_ArticleEntities",
           "--benchmark_format=json"]
    cmd += ["--benchmark_min_time=0.1"] if args.smoke else []
    log("entity extraction alone (ner_bench)")
    _, _, _, out, err = run(cmd)
    try:
        benchmarks = json.loads(out)["benchmarks"]
    except (ValueError, KeyError):
        raise Failure(f"{shlex.join(map(str, cmd))}: no JSON on stdout; stderr ends:\n{tail(err)}") from None
    result = {}
    for name, field in (("BM_ExtractEntities", "tagger"), ("BM_ArticleEntities", "stage")):
        found = [b for b in benchmarks if b["name"].startswith(name)]
        if not found or "tokens/s" not in found[0]:
            why = found[0].get("error_message", "no tokens/s counter") if found else f"no {name} result"
            raise Failure(f"{shlex.join(map(str, cmd))}: {why}")
        b = found[0]
        result[field] = {"tokens_per_s": b["tokens/s"], "mb_per_s": b["MB/s"], "tokens": b["tokens"],
                         "iterations": b["iterations"], "ms_per_iteration": b["real_time"], "run_name": b["run_name"]}
    # The figures the report always showed: the tagger's.
    return {**result["tagger"], "stage": result["stage"]}


def bench_gold(args, work):
    """Entity facets against bench/gold/ (bench/entity_gold.py): strict F1 per type, values under
    several types, one-word people."""
    out = work / "gold.json"
    cmd = [sys.executable, ROOT / "bench/entity_gold.py", "--build", args.build, "--shared", args.shared,
           "--json", out]
    if args.smoke:
        cmd.append("--no-reuters-archive")
    log("entity facets against bench/gold/")
    run(cmd)
    return json.loads(out.read_text())


def bench_relevance(args, work, failures):
    """Ranking quality on every judged collection under DIR/data/relevance (bench/relevance.py):
    newsdex default, --all and --any (newsdex-index --no-entities and --newsdex-args), stock
    Xapian and SQLite FTS5. Returns the collections' results; a failed one is recorded, left out."""
    data = args.shared / relevance.DATA
    found = relevance.find_collections(data) if data.is_dir() else {}
    if not found:
        log(f"relevance: no collection in {data}, skipped")
    results = []
    for name, folder in found.items():
        try:
            results.append(relevance.evaluate(folder, args.build, work / f"relevance-{name}",
                                              shlex.split(args.newsdex_args), progress=log))
        except relevance.Failure as e:
            failures.append(str(e))
    return results


def pct(values, p):
    """The p-th percentile of values (nearest rank)."""
    v = sorted(values)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)] if v else None


def bench_batch(args, db, qfile, nq):
    """newsdex-query --batch: latency (each query's own elapsed_ms, one thread, after one warm-up
    batch, pooled over the runs) and throughput (queries/s of the whole batch, 1 vs 2 threads,
    interleaved), and --any latency. Default options: top 10, snippets, facets."""
    def batch(threads, *extra):
        cmd = [args.build / "newsdex-query", "--db", db, "--batch", qfile, "--threads", threads, *extra]
        seconds, _, _, out, _ = run(cmd, ok=(0, 1))  # 1: some lines have an "error"
        answers = [json.loads(line) for line in out.splitlines() if line.strip()]
        if len(answers) != nq:
            raise Failure(f"{shlex.join(map(str, cmd))}: {len(answers)} answers for {nq} queries")
        return seconds, answers

    log(f"batch queries ({nq}), 1 warm-up + {args.batch_runs} × (1 thread, 2 threads)")
    batch(1)
    walls, latencies, with_hits, answers, any_latencies = {1: [], 2: []}, [], [], [], []
    for _ in range(args.batch_runs):
        # --any: every article with any word, exact facets over them all (the slow end).
        _, out = batch(1, "--any")
        any_latencies += [a["elapsed_ms"] for a in out if "error" not in a and "elapsed_ms" in a]
        for threads in (1, 2):
            seconds, out = batch(threads)
            walls[threads].append(seconds)
            if threads == 1:
                answers = out
                latencies += [a["elapsed_ms"] for a in out if "error" not in a and "elapsed_ms" in a]
                # Most TREC titles find nothing in Reuters: the queries with hits, apart.
                with_hits += [a["elapsed_ms"] for a in out
                              if "error" not in a and "elapsed_ms" in a and a.get("total", {}).get("estimate", 0) > 0]
    qps = {t: nq / statistics.median(w) for t, w in walls.items()}
    return {"queries": nq, "runs": args.batch_runs, "latency_ms": {p: pct(latencies, p) for p in (50, 95, 99)},
            "any_latency_ms": {p: pct(any_latencies, p) for p in (50, 95, 99)},
            "latency_with_hits_ms": {p: pct(with_hits, p) for p in (50, 95, 99)} if with_hits else None,
            "mean_ms": statistics.fmean(latencies) if latencies else None,
            "errors": sum("error" in a for a in answers),
            "zero_hits": sum("error" not in a and not a.get("hits") for a in answers),
            "queries_per_s": {"1": qps[1], "2": qps[2]}, "threads_2_over_1": qps[2] / qps[1],
            "wall_s": {"1": walls[1], "2": walls[2]}}


def bench_per_process(args, db, si_db, queries):
    """Each query as its own process, newsdex-query --json vs quest (AND, English stemmer,
    top 10), interleaved; wall ms per process (start-up included)."""
    tools = {"newsdex-query": lambda q: [args.build / "newsdex-query", "--db", db, "--json", "--", q],
             "quest": lambda q: ["quest", "-d", si_db, "-s", "english", "-o", "and", "-m", "10", "--", q]}
    log(f"per-process queries ({len(queries)}), newsdex-query vs quest")
    for command in tools.values():
        run(command(queries[0]), ok=None)  # warm-up, not counted
    ms, errors = {t: [] for t in tools}, {t: 0 for t in tools}
    for q in queries:
        for tool, command in tools.items():
            seconds, _, rc, _, _ = run(command(q), ok=None)
            ms[tool].append(seconds * 1000)
            errors[tool] += rc != 0
    for tool, n in errors.items():
        if n == len(queries):
            raise Failure(f"{tool} failed on every query (e.g. {shlex.join(map(str, tools[tool](queries[0])))})")
    return {"queries": len(queries), "ms": ms, "errors": errors,
            **{tool: {"mean_ms": statistics.fmean(v), "p50_ms": statistics.median(v)} for tool, v in ms.items()}}


def fmt(x, percent=False):
    """A figure for the table: thousands separators, fewer decimals the larger it is."""
    if x is None:
        return "—"
    if percent:
        return f"{100 * x:.1f}%"
    if isinstance(x, int):
        return f"{x:,}"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"


def comparisons(index_rows, ner, batch, proc, qlabel, gold=None, ranking=None):
    """The comparison rows: what was compared, the figures, the ratio and the target (✓/✗)."""
    rows = []

    def add(section, compared, metric, a, b=None, ratio=None, target="", met=None, percent=False, figures=None):
        figures = figures or fmt(a, percent) + (f" vs {fmt(b, percent)}" if b is not None else "")
        rows.append({"section": section, "compared": compared, "metric": metric, "a": a, "b": b,
                     "figures": figures, "ratio": ratio, "target": target, "met": met})

    med = {(r["corpus"], r["tool"]): r["median"] for r in index_rows}
    labels = list(dict.fromkeys(r["corpus"] for r in index_rows))
    for label in labels:
        ent, noent = med.get((label, TOOLS[0])), med.get((label, TOOLS[1]))
        si, fts = med.get((label, "scriptindex")), med.get((label, "sqlite fts5"))
        sec = f"indexing {label}"
        if ent and si:
            r = ent["articles_per_s"] / si["articles_per_s"]
            add(sec, "newsdex (entities) vs scriptindex", "articles/s", ent["articles_per_s"], si["articles_per_s"],
                r, "≥ 2×", r >= 2)
        if noent and si:
            add(sec, "newsdex (no entities) vs scriptindex", "articles/s", noent["articles_per_s"],
                si["articles_per_s"], noent["articles_per_s"] / si["articles_per_s"])
        if ent and fts:
            add(sec, "newsdex (entities) vs sqlite fts5", "articles/s", ent["articles_per_s"], fts["articles_per_s"],
                ent["articles_per_s"] / fts["articles_per_s"])
        if ent and noent:
            share = 1 - noent["seconds"] / ent["seconds"]
            add(sec, "newsdex: 1 − no entities ÷ entities", "extraction share of time", share, None, None,
                "≤ 30%", share <= 0.30, percent=True)
        if ent:
            add(sec, "newsdex (entities)", "peak RSS MiB", ent["peak_rss_mib"], None, None, "< 1 GiB",
                ent["peak_rss_mib"] < 1024)
        if ent and si:
            r = ent["db_mib"] / si["db_mib"]
            add(sec, "newsdex (entities) vs scriptindex", "db MiB", ent["db_mib"], si["db_mib"], r, "≤ 1×", r <= 1)
        if ent and fts:
            add(sec, "newsdex (entities) vs sqlite fts5", "db MiB", ent["db_mib"], fts["db_mib"],
                ent["db_mib"] / fts["db_mib"])
    if len(labels) > 1 and med.get((labels[0], TOOLS[0])) and med.get((labels[-1], TOOLS[0])):
        one, many = med[(labels[0], TOOLS[0])], med[(labels[-1], TOOLS[0])]
        r = one["articles_per_s"] / many["articles_per_s"]  # = (s×N / articles×N) / (s×1 / articles×1)
        add(f"indexing {labels[-1]} vs ×1", "newsdex (entities)", "ms per article (slowdown)",
            1 / many["articles_per_s"] * 1000, 1 / one["articles_per_s"] * 1000, r, "≤ 1.20×", r <= 1.2)
    if ner:
        add("entity extraction", "ner_bench BM_ExtractEntities (tagger)", "tokens/s", ner["tokens_per_s"])
        st = ner["stage"]["tokens_per_s"]
        add("entity extraction", "ner_bench BM_ArticleEntities (whole stage)", "tokens/s", st, None, None, "≥ 500k",
            st >= 500000)
    if gold:
        o = gold["overall"]
        for t, target in (("all", 0.90), ("person", 0.95), ("place", 0.92), ("org", 0.85)):
            add(f"entity facets ({gold['articles']} gold articles)", f"strict F1, {t}", "F1", o[t]["f1"], None, None,
                f"≥ {target:.2f}", o[t]["f1"] >= target, figures=f"{o[t]['f1']:.3f} (P {o[t]['precision']:.3f}, "
                f"R {o[t]['recall']:.3f})")
        a = gold["archive"]
        add(f"entity facets ({gold['articles']} gold articles)", "values under two or more types (whole archive)",
            "values", a["values_under_several_types"])
        add(f"entity facets ({gold['articles']} gold articles)", "one-word person values (whole archive)", "share",
            a["person_one_word_share"], None, None, "≤ 2%", a["person_one_word_share"] <= 0.02, percent=True)
    if batch:
        p = batch["latency_ms"]
        add(f"queries {qlabel}", "newsdex-query --batch, 1 thread", "p50 ms", p[50], None, None, "≤ 2 ms", p[50] <= 2)
        add(f"queries {qlabel}", "newsdex-query --batch, 1 thread", "p95 ms", p[95])
        add(f"queries {qlabel}", "newsdex-query --batch, 1 thread", "p99 ms", p[99], None, None, "≤ 20 ms",
            p[99] <= 20)
        if batch.get("any_latency_ms"):
            a = batch["any_latency_ms"]
            add(f"queries {qlabel}", "newsdex-query --batch --any, 1 thread", "p50 ms", a[50])
            add(f"queries {qlabel}", "newsdex-query --batch --any, 1 thread", "p99 ms", a[99], None, None, "≤ 50 ms",
                a[99] <= 50)
        if batch.get("latency_with_hits_ms"):
            h = batch["latency_with_hits_ms"]
            for pc in (50, 95, 99):
                add(f"queries {qlabel}", "newsdex-query --batch, 1 thread, queries with hits", f"p{pc} ms", h[pc])
        add(f"queries {qlabel}", "newsdex-query --batch", "errors, queries without hits", batch["errors"],
            batch["zero_hits"], figures=f"{batch['errors']}, {batch['zero_hits']} of {batch['queries']}")
        q = batch["queries_per_s"]
        r = batch["threads_2_over_1"]
        add(f"queries {qlabel}", "--threads 2 vs --threads 1", "queries/s", q["2"], q["1"], r, "≥ 1.7×", r >= 1.7)
    if proc:
        n, qu = proc["newsdex-query"], proc["quest"]
        r = n["p50_ms"] / qu["p50_ms"]
        add(f"queries {qlabel}", "newsdex-query vs quest, a process each", "p50 ms", n["p50_ms"], qu["p50_ms"], r,
            "≤ 1×", r <= 1)
        add(f"queries {qlabel}", "newsdex-query vs quest, a process each", "mean ms", n["mean_ms"], qu["mean_ms"],
            n["mean_ms"] / qu["mean_ms"])
    for res in ranking or []:
        t, sec = res["target"], f"relevance {res['collection']}"
        if t["best_peer"]:
            r = t["ndcg@10"] / t["best_peer_ndcg@10"] if t["best_peer_ndcg@10"] else None
            add(sec, f"newsdex default vs {t['best_peer']} (the better peer)", "nDCG@10", t["ndcg@10"],
                t["best_peer_ndcg@10"], r, "≥ 1×", t["met"],
                figures=f"{t['ndcg@10']:.3f} vs {t['best_peer_ndcg@10']:.3f}")
        add(sec, "newsdex default", "queries refused", t["refused"], None, None, "0", t["refused"] == 0)
    return rows


def render(header, columns, rows, markdown):
    """A table as aligned text, or as Markdown."""
    cells = [[str(c) for c in row] for row in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if c else "---" for c in columns) + "|"]
        return lines + ["| " + " | ".join(row) + " |" for row in cells]
    widths = [max(len(x) for x in col) for col in zip(header, *cells)]
    return ["  ".join(x.rjust(w) if right else x.ljust(w) for x, w, right in zip(row, widths, columns)).rstrip()
            for row in [header, *cells]]


def report(result, markdown=False):
    """The whole report: machine facts, corpora, indexing per tool, extraction, queries, comparisons."""
    m, out = result["machine"], []

    def rss(mib):  # at the floor: the tool's own peak was lower
        return f"≤ {fmt(mib)}" if mib <= 1.01 * (result["rss_floor_mib"] or 0) else fmt(mib)

    def section(title, note="", table=None):
        out.extend([("### " if markdown else "== ") + title, ""] + ([note, ""] if note else []))
        out.extend(table + [""] if table else [])

    out += [f"{'## ' if markdown else ''}newsdex benchmark suite{' (smoke)' if result['smoke'] else ''}", "",
            f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, Linux {m['kernel']}, load {m['load_average']}; "
            f"Xapian {m['xapian']}, SQLite {m['sqlite3']}, {m['scriptindex']}; {m['newsdex']} at commit "
            f"{m['git_commit']} ({m['binaries']}); {m['date']}", ""]
    section("Corpora", "Reuters-21578 as plain JSON Lines (MB = 10^6 bytes, the input of every rate); copy k>0 "
            "has ids <id>-x<k>.", render(["corpus", "articles", "MB"], [0, 1, 1], [
                [c["label"], f"{c['articles']:,}", fmt(c["mb"])] for c in result["corpora"]], markdown))
    section("Indexing", f"Median of {result['repeats']} run(s); tools interleaved, a fresh database each; wall time "
            f"and peak RSS of the process (at least {fmt(result['rss_floor_mib'])} MiB, the suite's own, that Linux "
            "counts for a child before exec: ≤ means the tool used less). newsdex writes one shard per core in parallel "
            f"(--shards {SHARDS}) unless the row says 1 shard; every newsdex database is compacted at the end of the run "
            "(its default for a new database), included in the time. sqlite fts5: .import of a CSV straight into the FTS5 table.",
            render(["corpus", "tool", "seconds", "articles/s", "MB/s", "peak RSS MiB", "db MiB"], [0, 0, 1, 1, 1, 1, 1],
                   [[r["corpus"], r["tool"], *(fmt(r["median"][k]) for k in ("seconds", "articles_per_s", "mb_per_s")),
                     rss(r["median"]["peak_rss_mib"]), fmt(r["median"]["db_mib"])] for r in result["indexing"]],
                   markdown))
    if result["ner"]:
        n = result["ner"]
        section("Entity extraction alone", f"ner_bench {n['run_name']}: {n['iterations']} iteration(s) of "
                f"{fmt(n['ms_per_iteration'])} ms over {fmt(n['tokens'])} tokens: {fmt(n['tokens_per_s'])} tokens/s, "
                f"{fmt(n['mb_per_s'])} MB/s of title and body text; one core, model loaded, all of Reuters (also in "
                "smoke), read from the shared folder compiled into ner_bench (not --shared).")
    if result["queries"]:
        q = result["queries"]
        section(f"Queries ({result['query_db']} newsdex database)", f"{q['queries']} TREC topic titles, default "
                "options (every word first, then the best partial matches; top 10, snippets, exact facets), and --any. Latency: each query's own elapsed_ms, one thread, "
                f"after a warm-up batch, pooled over {q['runs']} run(s). Throughput: wall time of the whole batch, "
                f"1 and 2 threads interleaved, median of {q['runs']}.")
    if result["per_process"]:
        p = result["per_process"]
        section("Per query as a process", f"First {p['queries']} queries, interleaved after one warm-up each: "
                "newsdex-query --json (top 10, snippets, facets) vs quest -s english -o and -m 10 on the "
                f"scriptindex database; wall ms with start-up. Exit code ≠ 0: newsdex-query "
                f"{p['errors']['newsdex-query']}, quest {p['errors']['quest']}.")
    for res in result["relevance"] or []:
        section(f"Relevance: {res['collection']} ({res['documents']:,} documents, {res['queries']} queries, "
                f"{res['judged']} judged)", "Each topic as written, top 1,000, scored as trec_eval 9.0.x does "
                "(averages over the judged queries: an error or no hits scores 0). newsdex-index "
                f"{shlex.join(['--no-entities', *res['index_args']])}; stock Xapian: TermGenerator and QueryParser "
                "(english, STEM_SOME, OR), BM25 defaults; SQLite FTS5: porter unicode61, the words OR-ed, bm25(). "
                + " ".join(n + "." for n in relevance.notes(res)),
                relevance.table(res, markdown))
    if result["relevance"] == []:
        section("Relevance", "No judged collection in the shared folder's data/relevance: skipped.")
    section("Comparisons and targets", "A missed target is shown (✗), never fails the run.",
            render(["what", "compared", "metric", "figures", "ratio", "target", ""], [0, 0, 0, 1, 1, 0, 0],
                   [[r["section"], r["compared"], r["metric"], r["figures"],
                     f"{r['ratio']:.2f}×" if r["ratio"] is not None else "", r["target"],
                     {True: "✓", False: "✗", None: ""}[r["met"]]] for r in result["ratios"]], markdown))
    return "\n".join(out).rstrip("\n") + "\n"


def parse_args():
    """Command-line options; --smoke sets the small sizes."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", type=Path, default=ROOT / "build", help="folder of newsdex-index, newsdex-query, ner_bench")
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (data in DIR/data)")
    p.add_argument("--scale", type=int, default=None, help="copies in the large corpus (default 10; smoke 2)")
    p.add_argument("--repeats", type=int, default=None, help="indexing runs per tool (default 2; smoke 1)")
    p.add_argument("--smoke", action="store_true", help="small and quick: 1,500 articles, ×2, 1 repeat, 40 queries")
    p.add_argument("--out", type=Path, default=ROOT / "build/bench/results.json", help="JSON results")
    p.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    p.add_argument("--work", type=Path, help="work folder, kept (default: a temporary one under build/bench)")
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    p.add_argument("--newsdex-args", default="", help='extra newsdex-index arguments, e.g. "--no-spelling"')
    p.add_argument("--skip-x10", action="store_true", help="only the ×1 corpus (queries then run on it)")
    a = p.parse_args()
    a.scale = a.scale or (2 if a.smoke else 10)
    a.repeats = a.repeats or (1 if a.smoke else 2)
    a.limit, a.nqueries, a.nprocess, a.batch_runs = (1500, 40, 10, 1) if a.smoke else (None, None, 50, 3)
    a.build = a.build.resolve()
    if a.scale < 1 or a.repeats < 1:
        p.error("--scale and --repeats must be at least 1")
    return a


def main():
    """Checks the inputs, runs every benchmark, prints the report, writes JSON (and Markdown)."""
    args = parse_args()
    gz = args.shared / REUTERS
    if not gz.is_file():
        print(f"suite.py: {gz} is missing; give --shared DIR", file=sys.stderr)
        return 2
    missing = [str(args.build / t) for t in ("newsdex-index", "newsdex-query", "ner_bench")
               if not os.access(args.build / t, os.X_OK)]
    missing += [t for t in ("scriptindex", "quest", "sqlite3") if not shutil.which(t)]
    if missing:
        print(f"suite.py: missing {', '.join(missing)} (build first; scripts/install-packages.sh bench)", file=sys.stderr)
        return 2
    queries = [l.strip() for f in QUERY_FILES for l in (args.shared / "data/queries" / f).read_text().splitlines()
               if l.strip()][:args.nqueries]
    if args.work:
        work, temporary = args.work.resolve(), False
        work.mkdir(parents=True, exist_ok=True)
    else:
        (ROOT / "build/bench").mkdir(parents=True, exist_ok=True)
        work, temporary = Path(tempfile.mkdtemp(prefix="suite-", dir=ROOT / "build/bench")), True
    signal.signal(signal.SIGTERM, stop)
    failures = []
    result = {"smoke": args.smoke, "repeats": args.repeats, "machine": machine_facts(args.build), "corpora": [],
              "rss_floor_mib": None, "indexing": [], "ratios": [], "ner": None, "gold": None, "query_db": None,
              "queries": None,
              "per_process": None, "relevance": None, "failures": failures}

    def attempt(bench):
        """bench(), or None with its failure recorded."""
        try:
            return bench()
        except Failure as e:
            failures.append(str(e))
            return None

    try:
        copies = [1] if args.skip_x10 or args.scale == 1 else [1, args.scale]
        corpora = prepare_corpora(gz, work, copies, args.limit)
        result["corpora"] = [{k: v for k, v in c.items() if k != "paths"} for c in corpora]
        # Linux counts a child's memory before exec (the suite's own peak) in its peak RSS: measure that floor.
        result["rss_floor_mib"] = run(["true"])[1] / 1024
        result["indexing"], kept = bench_indexing(corpora, args, work, failures)
        result["ner"] = attempt(lambda: bench_ner(args))
        result["gold"] = attempt(lambda: bench_gold(args, work))
        result["relevance"] = bench_relevance(args, work, failures)
        result["query_db"] = corpora[-1]["label"]
        qfile = work / "queries.txt"
        qfile.write_text("".join(q + "\n" for q in queries))
        if "newsdex (entities)" in kept:
            result["queries"] = attempt(lambda: bench_batch(args, kept["newsdex (entities)"], qfile, len(queries)))
        if "newsdex (entities)" in kept and "scriptindex" in kept:
            result["per_process"] = attempt(lambda: bench_per_process(
                args, kept["newsdex (entities)"], kept["scriptindex"], queries[:args.nprocess]))
        else:
            failures.append("no newsdex or scriptindex database to query (indexing failed)")
        result["ratios"] = comparisons(result["indexing"], result["ner"], result["queries"], result["per_process"],
                                       corpora[-1]["label"], result["gold"], result["relevance"])
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write(report(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    if args.markdown:
        args.markdown.write_text(report(result, markdown=True))
    log(f"results written to {args.out}" + (f" and {args.markdown}" if args.markdown else ""))
    if failures:
        print(f"\nsuite.py: {len(failures)} failure(s):\n" + "\n".join("- " + f for f in failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
