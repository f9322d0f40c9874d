#!/usr/bin/env python3
"""Runs the examples of README.md and docs/*.md and fails when a tool's output
differs from what the doc shows.

    scripts/check-docs.py --build build --source .          # check every doc
    scripts/check-docs.py --build build docs/querying.md    # check one
    scripts/check-docs.py --build build --update            # rewrite the outputs
    scripts/check-docs.py --self-test                       # test this script

Which examples run
------------------
Only fenced blocks whose info string is `console` run (```console). In one:

- a line starting with `$ ` is a command; lines right after it that start with
  `> ` continue it (as a shell's second prompt shows them: a here-document);
- every other line, up to the next `$ `, is that command's expected output:
  stdout and stderr together, as the tool writes them.

Blocks with any other info string (```sh, or none) are never run: keep there
what cannot be checked here (package installs, builds, long benchmarks, runs
on ../shared/data, remote servers).

Where they run
--------------
Each doc file gets a fresh temporary folder holding a copy of the repository's
corpus/ and a `build` symlink to --build (the folder with newsdex-index,
newsdex-query, newsdex-ner and ner.model), so a doc writes commands as
`build/newsdex-index --db news.db corpus/`. The blocks of one file run in
order and share that folder: an index built in one block is searched in the
next. Each command runs in its own `bash -c`, in that folder (so `cd` and
`export` do not carry over), with `$?` set to the previous command's exit code
(so `echo $?` works), stdin empty, LC_ALL=C.UTF-8, TZ=UTC, and COLUMNS,
NO_COLOR, NEWSDEX_NER_MODEL and NEWSDEX_SHARED removed from the environment:
output goes to a pipe, so the query tool does not wrap lines (an example that
shows wrapping sets COLUMNS on its own command line).

How output is compared (the only normalisation rules)
-----------------------------------------------------
1. The temporary folder's path is shown as /tmp/readme-work/newsdex (the
   folder the corpus copy is in) and its parent as /tmp/readme-work.
2. Timings become `…` on both sides: `0.19 s, 267 articles/s`, `(1.6 ms)`,
   `0.03 s` at the end of a line, and the JSON numbers of `elapsed_ms`,
   `seconds` and `articles_per_second`.
3. Trailing white space on a line, and blank lines at the end of an output,
   are ignored.
4. In the expected output, a line that is only `…` (or `...`), indented or
   not, matches any run of lines, none included; a `…` inside a line matches
   any text within that line.

Relative links ([text](path#anchor)) outside fenced blocks must lead to a file
and, with an anchor into a .md file, to one of its headings (GitHub's anchors).

A failure prints a unified diff of the command's expected and actual output
(both normalised; expected lines that match, elisions included, are shown as
the actual lines they match), headed with the doc's file:line, and the script
exits 1.
--update writes the actual output into the doc instead (an output that still
matches is left as it is; one with a single `…` line keeps as many first and
last lines around it as before).
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SHOWN_WORKDIR = "/tmp/readme-work/newsdex"
SHOWN_TMPROOT = "/tmp/readme-work"
ELLIPSIS = "…"
COMMAND_TIMEOUT = 120  # seconds for one command

TIMING_RULES = [
    # indexer summary: "0.19 s, 267 articles/s"
    (re.compile(r"\d+(?:\.\d+)? s, \d[\d,]*(?:\.\d+)? articles/s"), "… s, … articles/s"),
    # query time: "(1.6 ms)"
    (re.compile(r"\(\d+(?:\.\d+)? ms\)"), "(… ms)"),
    # JSON timings: "elapsed_ms":1.63, "seconds": 0.186, "articles_per_second":269.3
    (re.compile(r'("(?:elapsed_ms|seconds|articles_per_second)":\s*)-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?'), r"\1…"),
    # a time at the end of a line: "…, 20399 tokens, 0.03 s"
    (re.compile(r"\b\d+\.\d+ s$"), "… s"),
]


def shown_paths(text, workdir, tmproot):
    """Rule 1: the temporary folders as the docs show them."""
    for path, shown in ((workdir, SHOWN_WORKDIR), (tmproot, SHOWN_TMPROOT)):
        for real in sorted({path, os.path.realpath(path)}, key=len, reverse=True):
            text = text.replace(real, shown)
    return text


def trimmed(lines):
    """Rule 3."""
    lines = [line.rstrip() for line in lines]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def normalise(text):
    """Rules 2 and 3 (rule 1 is shown_paths, for actual output only)."""
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in TIMING_RULES:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return trimmed(lines)


def is_elision(line):
    return line.strip() in (ELLIPSIS, "...")


def line_pattern(line):
    return re.compile(".*?".join(re.escape(part) for part in line.split(ELLIPSIS)), re.DOTALL)


def matches(expected, actual):
    """Whether the expected lines (normalised) match the actual lines (rule 4)."""
    patterns = [None if is_elision(line) else line_pattern(line) for line in expected]
    memo = {}

    def match(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(patterns):
            result = j == len(actual)
        elif patterns[i] is None:
            result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and patterns[i].fullmatch(actual[j]) is not None and match(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return match(0, 0)


def shown_expected(expected, actual):
    """The expected lines as the diff shows them: where a line (or an elision
    up to the next line) matches the actual output, the actual lines, so that
    the diff shows only what really differs. Only for display."""
    shown, j = [], 0
    for i, line in enumerate(expected):
        if is_elision(line):
            following = next((e for e in expected[i + 1:] if not is_elision(e)), None)
            if following is None:
                shown += actual[j:]
                j = len(actual)
                continue
            pattern = line_pattern(following)
            k = next((k for k in range(j, len(actual)) if pattern.fullmatch(actual[k])), None)
            if k is None:
                shown.append(line)
            else:
                shown += actual[j:k]
                j = k
            continue
        pattern = line_pattern(line)
        k = next((k for k in range(j, min(len(actual), j + 20)) if pattern.fullmatch(actual[k])), None)
        if k is None:
            shown.append(line)
        else:
            shown.append(actual[k])
            j = k + 1
    return shown


class Command:
    def __init__(self, line_no, text):
        self.line_no = line_no  # 1-based line of the `$ ` line in the doc
        self.text = text  # the command, continuation lines joined with newlines
        self.expected = []  # the expected output lines, as written (indent removed)
        self.expected_start = line_no  # index (0-based) of the first expected line in the doc
        self.expected_end = line_no  # index after the last one


class Block:
    def __init__(self, line_no, indent):
        self.line_no = line_no  # 1-based line of the opening fence
        self.indent = indent
        self.commands = []


FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)")


def parse(lines):
    """The console blocks of a doc (a list of lines without newlines)."""
    blocks = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3)
        end = i + 1
        while end < len(lines):
            close = re.match(r"^\s*(`{3,}|~{3,})\s*$", lines[end])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                break
            end += 1
        if info == "console":
            block = Block(i + 1, indent)
            command = None
            k = i + 1
            while k < end:
                text = lines[k][len(indent):] if lines[k].startswith(indent) else lines[k].lstrip()
                if text.startswith("$ ") or text == "$":
                    command = Command(k + 1, text[2:])
                    k += 1
                    while k < end:
                        more = lines[k][len(indent):] if lines[k].startswith(indent) else lines[k].lstrip()
                        if not (more.startswith("> ") or more == ">"):
                            break
                        command.text += "\n" + more[2:]
                        k += 1
                    command.expected_start = command.expected_end = k
                    block.commands.append(command)
                    continue
                if command is not None:
                    command.expected.append(text)
                    command.expected_end = k + 1
                k += 1
            blocks.append(block)
        i = end + 1
    return blocks


def tool_environment():
    env = dict(os.environ)
    for name in ("COLUMNS", "NO_COLOR", "NEWSDEX_NER_MODEL", "NEWSDEX_SHARED", "LANGUAGE"):
        env.pop(name, None)
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    return env


def updated_output(expected, actual):
    """The lines --update writes: the actual output, around a single `…` line
    as many first and last lines as the expected output kept."""
    elisions = [n for n, line in enumerate(expected) if is_elision(line)]
    if len(elisions) == 1:
        at = elisions[0]
        head, tail = at, len(expected) - at - 1
        if head + tail < len(actual):
            return actual[:head] + [expected[at]] + (actual[len(actual) - tail:] if tail else [])
    return list(actual)


LINK = re.compile(r"\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)\)")


def slug(heading):
    """GitHub's anchor for a heading's text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def prose_lines(lines):
    """(line number, line) of the lines outside fenced blocks."""
    fence = None
    for n, line in enumerate(lines, 1):
        m = re.match(r"^\s*(`{3,}|~{3,})", line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)):]:
                fence = None
            continue
        if fence is None:
            yield n, line


def anchors(path):
    seen, result = {}, set()
    with open(path, encoding="utf-8") as f:
        for _, line in prose_lines(f.read().split("\n")):
            m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if m:
                base = slug(m.group(1))
                count = seen.get(base, 0)
                seen[base] = count + 1
                result.add(base if count == 0 else "%s-%d" % (base, count))
    return result


def check_links(doc, rel, lines):
    """Relative links that lead nowhere: a missing file, or an anchor no heading has."""
    broken = 0
    for n, line in prose_lines(lines):
        for target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # https:, mailto:
            path, _, anchor = target.partition("#")
            path = os.path.normpath(os.path.join(os.path.dirname(doc), path)) if path else doc
            if not os.path.exists(path):
                problem = "no such file"
            elif anchor and path.endswith(".md") and anchor not in anchors(path):
                problem = "no heading has the anchor #" + anchor
            else:
                continue
            broken += 1
            print("%s:%d: broken link %s: %s" % (rel, n, target, problem))
    return broken


def check_file(doc, rel, build, source, update, keep):
    """Runs the console blocks of one doc; returns (blocks, commands, failures)."""
    with open(doc, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = parse(lines)
    commands = sum(len(b.commands) for b in blocks)
    links = check_links(doc, rel, lines)
    if commands == 0:
        return len(blocks), 0, links
    tmproot = tempfile.mkdtemp(prefix="check-docs-")
    workdir = os.path.join(tmproot, "newsdex")
    os.mkdir(workdir)
    shutil.copytree(os.path.join(source, "corpus"), os.path.join(workdir, "corpus"))
    os.symlink(os.path.abspath(build), os.path.join(workdir, "build"))
    env = tool_environment()
    failures = links
    replacements = []  # (start, end, new lines), in document order
    rc = 0
    try:
        for block in blocks:
            for command in block.commands:
                try:
                    run = subprocess.run(["bash", "-c", "(exit %d)\n%s" % (rc, command.text)], cwd=workdir,
                                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT)
                    rc = run.returncode
                    output = run.stdout.decode("utf-8", errors="replace")
                except subprocess.TimeoutExpired:
                    rc = 124
                    output = "check-docs: timed out after %d s\n" % COMMAND_TIMEOUT
                output = shown_paths(output, workdir, tmproot)
                actual = normalise(output)
                expected = normalise("\n".join(command.expected))
                if matches(expected, actual):
                    continue
                if update:
                    new = updated_output(command.expected, trimmed(output.split("\n")))
                    replacements.append((command.expected_start, command.expected_end,
                                         [(block.indent + line) if line else "" for line in new]))
                    print("%s:%d: updated the output of: %s" % (rel, command.line_no, command.text.split("\n")[0]))
                    continue
                failures += 1
                print("%s:%d: the output of this command (in the block at line %d) differs from the doc:" %
                      (rel, command.line_no, block.line_no))
                print("    $ " + command.text.replace("\n", "\n    > "))
                diff = difflib.unified_diff(shown_expected(expected, actual), actual, "%s:%d (expected)" % (rel, command.expected_start + 1),
                                            "actual output", lineterm="")
                for line in diff:
                    print(line)
                print()
    finally:
        if keep:
            print("%s: ran in %s" % (rel, workdir))
        else:
            shutil.rmtree(tmproot, ignore_errors=True)
    if update and replacements:
        for start, end, new in reversed(replacements):
            # a blank line before the next `$ ` stays where it was
            while end > start and lines[end - 1].strip() == "" and new and new[-1] != "":
                end -= 1
            lines[start:end] = new
        with open(doc, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return len(blocks), commands, failures


def self_test():
    checks = 0

    def expect(condition, what):
        nonlocal checks
        checks += 1
        if not condition:
            print("self-test failed: " + what)
            sys.exit(1)

    summary = "50 files: 50 added; 50 articles in the database; 0.19 s, 267 articles/s; compacted"
    expect(normalise(summary) == ["50 files: 50 added; 50 articles in the database; … s, … articles/s; compacted"],
           "indexer timings")
    expect(normalise('Results 1–3 of 3 for "x" (1.6 ms)') == ['Results 1–3 of 3 for "x" (… ms)'], "query time")
    expect(normalise('{"seconds":0.186,"articles_per_second":269.3,"x":1}') ==
           ['{"seconds":…,"articles_per_second":…,"x":1}'], "JSON timings")
    expect(normalise('  "elapsed_ms": 0.936\n}') == ['  "elapsed_ms": …', "}"], "pretty JSON timing")
    expect(normalise("f.bio: 94 documents, 20399 tokens, 0.03 s") == ["f.bio: 94 documents, 20399 tokens, … s"],
           "a time at the end of a line")
    expect(normalise("score 4.12 · 0.5 s later") == ["score 4.12 · 0.5 s later"], "scores and other numbers stay")
    expect(normalise("a  \nb\n\n\n") == ["a", "b"], "trailing white space and blank lines")
    expect(shown_paths("/tmp/check-docs-x/newsdex/corpus/a.txt /tmp/check-docs-x/r.db",
                       "/tmp/check-docs-x/newsdex", "/tmp/check-docs-x") ==
           "/tmp/readme-work/newsdex/corpus/a.txt /tmp/readme-work/r.db", "the temporary folder's path")
    expect(matches(["a", "b"], ["a", "b"]), "equal lines match")
    expect(not matches(["a", "b"], ["a", "c"]), "a different line fails")
    expect(not matches(["a"], ["a", "b"]), "an extra actual line fails")
    expect(not matches(["a", "b"], ["a"]), "a missing actual line fails")
    expect(matches(["a", "…", "d"], ["a", "b", "c", "d"]), "… matches a run of lines")
    expect(matches(["a", " …", "b"], ["a", "b"]), "an indented … matches no line too")
    expect(matches(["...", "d"], ["a", "b", "c", "d"]), "... is … too")
    expect(matches(["a", "…"], ["a", "b"]) and matches(["…"], []), "… at the end")
    expect(not matches(["a", "…", "d"], ["a", "b", "c"]), "… does not excuse a missing last line")
    expect(matches(["a", "…", "x", "…", "z"], ["a", "x", "y", "x", "z"]), "two elisions")
    expect(matches(['{"id":"a",…,"n":2}'], ['{"id":"a","t":"b","n":2}']), "… inside a line")
    expect(not matches(['{"id":"a",…,"n":2}'], ['{"id":"b","t":"b","n":2}']), "… inside a line, rest differs")
    expect(matches(["after all-night…  (2015)"], ["after all-night…  (2015)"]), "the tool's own … matches itself")
    expect(not matches(["x (1 ms)"], ["x (1 ms) y"]), "a whole line must match")
    expect(matches(["1.5 (a+b)* [c]"], ["1.5 (a+b)* [c]"]), "regex characters are literal")
    doc = ["text", "```console", "$ echo a \\", "> b", "a b", "$ true", "```", "", "  ```console",
           "  $ printf 'x\\n\\n  y'", "  x", "", "    y", "  ```", "```sh", "$ not run", "```"]
    blocks = parse(doc)
    expect(len(blocks) == 2 and [len(b.commands) for b in blocks] == [2, 1], "blocks and commands found")
    first = blocks[0].commands[0]
    expect(first.text == "echo a \\\nb" and first.expected == ["a b"] and first.line_no == 3,
           "a continued command and its output")
    expect(blocks[0].commands[1].expected == [], "a command without output")
    indented = blocks[1].commands[0]
    expect(indented.expected == ["x", "", "  y"] and indented.expected_start == 10, "an indented block")
    expect(updated_output(["a", "…", "z"], ["a", "b", "c", "y"]) == ["a", "…", "y"], "--update keeps an elision")
    expect(updated_output(["a", "…", "b", "…"], ["a", "c"]) == ["a", "c"], "--update writes the whole output")
    expect(updated_output(["a", "b", "…"], ["a"]) == ["a"], "--update when the output got shorter")
    expect(shown_expected(["a", "…", "d", "x…", "q"], ["a", "b", "c", "d", "xyz", "r"]) ==
           ["a", "b", "c", "d", "xyz", "q"], "the diff shows only the line that differs")
    expect(slug("Upgrading a database: `--rebuild`") == "upgrading-a-database---rebuild", "an anchor with code")
    expect(slug("Threads, shards and compaction") == "threads-shards-and-compaction", "an anchor with a comma")
    expect(slug("The docs' examples") == "the-docs-examples", "an anchor with an apostrophe")
    expect(LINK.findall("see [a](x.md#b), [`c`](../d/) and [e [f]](g)") == ["x.md#b", "../d/", "g"], "links found")
    print("check-docs self-test: %d checks passed" % checks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", help="the folder with newsdex-index, newsdex-query, newsdex-ner and ner.model")
    parser.add_argument("--source", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                        help="the repository's root (default: this script's parent folder)")
    parser.add_argument("--update", action="store_true", help="write the actual outputs into the docs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders, and say where they are")
    parser.add_argument("--self-test", action="store_true", help="test the normalisation and matching, run nothing")
    parser.add_argument("files", nargs="*", help="docs to check (default: README.md and docs/*.md)")
    args = parser.parse_args()
    if args.self_test:
        self_test()
        return 0
    if not args.build:
        parser.error("--build DIR is needed (the folder with the built tools)")
    source = os.path.abspath(args.source)
    for tool in ("newsdex-index", "newsdex-query", "newsdex-ner", "ner.model"):
        if not os.path.exists(os.path.join(args.build, tool)):
            print("check-docs: %s is not in %s; build first" % (tool, args.build))
            return 2
    if args.files:
        docs = [os.path.abspath(path) for path in args.files]
    else:
        docs = [os.path.join(source, "README.md")]
        docs_dir = os.path.join(source, "docs")
        if os.path.isdir(docs_dir):
            docs += [os.path.join(docs_dir, name) for name in sorted(os.listdir(docs_dir)) if name.endswith(".md")]
    total_failures = 0
    for doc in docs:
        rel = os.path.relpath(doc, source)
        started = time.monotonic()
        blocks, commands, failures = check_file(doc, rel, args.build, source, args.update, args.keep)
        total_failures += failures
        print("%s: %d console blocks, %d commands, %d failures (%.1f s)" %
              (rel, blocks, commands, failures, time.monotonic() - started))
    if total_failures:
        print("check-docs: %d failures (example outputs that differ from the docs, or broken links); fix the doc, "
              "or the tool, or run with --update" % total_failures)
        return 1
    print("check-docs: every example output is as the docs show it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
