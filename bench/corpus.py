#!/usr/bin/env python3
"""Measure kmapcheck's recall and false reports on the corpus of real kmap bugs.

The corpus (bench/corpus/*.toml, described in bench/corpus/README.md) names
functions of Linux 6.1 (linux-source-6.1) that hold a real kmap bug, or that
are correct but look like one. This script runs kmapcheck on the TUs those
cases name, in the trees bench/prepare-linux.sh builds, and prints one line
per case and, last, recall over the in-scope bugs and the false reports.

  bench/corpus.py --kmapcheck build/bin/kmapcheck
  bench/corpus.py --kmapcheck build/bin/kmapcheck --json
  bench/corpus.py --list-objects allmod        # objects prepare-linux.sh builds

A finding belongs to a case when its primary location lies in the case's
function (the function's line range in the tree's source: from the line
that names it down to its closing brace), or when its map site (the note
"... created here") lies there: a sleep the engine found in a callee it
followed, or a leak reported in a header, concerns the function that made
the mapping. Per case:

  hit           bug case, a finding of the expected check in the function
  miss          bug case, none
  ok            correct case, no path-sensitive finding in the function
  false report  correct case, a path-sensitive finding (any check but
                kmap-deprecated-api) or one of the case's own check
  not built     the case's tree, or its file in the tree's compile
                database, is not there
  out of scope  a bug no current or planned check is meant to find
  tool error    kmapcheck could not analyse the TU

Findings of other path-sensitive checks in a bug case's function are counted
apart ("wrong check"): they are reports on buggy code, but not the bug.

Exit status: 0 when the run completed (whatever the figures), 2 for a bad
corpus, a missing binary or a kmapcheck usage error.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib

from csource import strip_comments_and_strings

CHECKS = {
    "kmap-deprecated-api": "deprecation",
    "kmap-local-order": "nesting",
    "kmap-leak": "nesting",
    "kmap-unmap-mismatch": "nesting",
    "kmap-use-after-unmap": "nesting",
    "kmap-stack-depth": "nesting",
    "kmap-pool-deadlock": "nesting",
    "kmap-sleep-in-atomic": "atomic context",
    "pagefault-balance": "pairing",
    "preempt-balance": "pairing",
    "kmap-local-missing-pagefault-disable": "pairing",
    "ipi-under-irq-lock": "locks/flush",
    "lock-drop-revalidate": "locks/flush",
    "kmap-alias-memmove": "nesting",
    "kmap-local-escape": "nesting",
}
FAMILIES = ["deprecation", "nesting", "atomic context", "pairing", "locks/flush"]
NOT_PATH = {"kmap-deprecated-api"}
FIELDS = {
    "id": str, "tree": str, "file": str, "function": str, "line": int,
    "check": str, "kind": str, "in_scope": bool, "source": str, "why": str,
}
OPTIONAL = {"planned": str, "fixed_by": str, "note": str, "context": list}
KINDS = ("bug", "correct")
MAP_SITE_RE = re.compile(r"^mapping of '.*' created here$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
DEFAULT_LINUX = os.environ.get("KMAPCHECK_LINUX_DIR", "/work/linux-6.1")


class CorpusError(Exception):
    pass


def load_corpus(directory):
    """Every case of every directory/*.toml, validated, sorted by id."""
    files = sorted(f for f in os.listdir(directory) if f.endswith(".toml"))
    if not files:
        raise CorpusError(f"{directory}: no .toml files")
    cases, seen = [], {}
    for name in files:
        path = os.path.join(directory, name)
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise CorpusError(f"{path}: {e}") from None
        unknown = set(data) - {"case"}
        if unknown:
            raise CorpusError(f"{path}: unknown top-level key(s) {sorted(unknown)}; "
                              "expected only [[case]] tables")
        for n, case in enumerate(data.get("case", []), 1):
            where = f"{path}: case {n}" + (f" ({case['id']})" if "id" in case else "")
            for key, typ in FIELDS.items():
                if key not in case:
                    raise CorpusError(f"{where}: missing '{key}'")
                if not isinstance(case[key], typ):
                    raise CorpusError(f"{where}: '{key}' must be a {typ.__name__}")
            for key in case:
                if key not in FIELDS and key not in OPTIONAL:
                    raise CorpusError(f"{where}: unknown key '{key}'")
                if key in OPTIONAL and not isinstance(case[key], OPTIONAL[key]):
                    raise CorpusError(f"{where}: '{key}' must be a "
                                      f"{'list of files' if key == 'context' else 'string'}")
            for ctx in case.get("context", []):
                if (not isinstance(ctx, str) or not ctx.endswith(".c") or ctx.startswith("/")
                        or ".." in ctx.split("/")):
                    raise CorpusError(f"{where}: 'context' lists .c files relative to the tree")
            if not ID_RE.match(case["id"]):
                raise CorpusError(f"{where}: id must match {ID_RE.pattern}")
            if case["id"] in seen:
                raise CorpusError(f"{where}: id also used in {seen[case['id']]}")
            if case["kind"] not in KINDS:
                raise CorpusError(f"{where}: kind must be one of {', '.join(KINDS)}")
            if case["check"] not in CHECKS:
                raise CorpusError(f"{where}: unknown check '{case['check']}'")
            if case["line"] < 1 or case["file"].startswith("/") or ".." in case["file"].split("/"):
                raise CorpusError(f"{where}: 'file' must be relative to the tree and 'line' positive")
            seen[case["id"]] = path
            case["_where"] = where
            cases.append(case)
    return sorted(cases, key=lambda c: c["id"])


def function_range(path, function, line):
    """(first, last) line of the definition of `function` that contains
    `line`: kernel style, the body's '{' and '}' in column 0. The first line
    is the one that names the function (at most 8 lines above the '{')."""
    with open(path, errors="replace") as f:
        lines = strip_comments_and_strings(f.read()).split("\n")
    if line > len(lines):
        raise CorpusError(f"{path} has {len(lines)} lines, not {line}")
    name_re = re.compile(r"\b" + re.escape(function) + r"\s*[(,]")
    # The nearest column-0 '{' at or above `line` opens the function's body.
    for open_at in range(line - 1, -1, -1):
        if lines[open_at].startswith("{"):
            break
        if open_at != line - 1 and lines[open_at].startswith("}"):
            raise CorpusError(f"{path}:{line} is not inside a function body")
    else:
        raise CorpusError(f"{path}:{line} is not inside a function body")
    first = None
    for k in range(open_at - 1, max(open_at - 9, -1), -1):
        if name_re.search(lines[k]):
            first = k
            break
    if first is None:
        raise CorpusError(f"{path}:{line} is in a function that is not '{function}' "
                          f"(its body opens at line {open_at + 1})")
    depth = 0
    for k in range(open_at, len(lines)):
        depth += lines[k].count("{") - lines[k].count("}")
        if depth <= 0 or lines[k].startswith("}"):
            last = k
            break
    else:
        raise CorpusError(f"{path}: the body of '{function}' at line {open_at + 1} does not end")
    if line - 1 > last:
        raise CorpusError(f"{path}:{line} is after the end of '{function}' (line {last + 1})")
    return first + 1, last + 1


def parse_tree_option(value):
    name, sep, rest = value.partition("=")
    if not sep or not name or not rest:
        raise argparse.ArgumentTypeError(f"'{value}': expected NAME=DIR[,DB]")
    directory, _, db = rest.partition(",")
    return name, directory, db or os.path.join(directory, "compile_commands.json")


def default_trees():
    return {
        "x86_64": (DEFAULT_LINUX, os.path.join(DEFAULT_LINUX, "compile_commands.json")),
        "i386-highmem": (DEFAULT_LINUX + "-i386",
                         os.path.join(DEFAULT_LINUX + "-i386", "compile_commands.json")),
        "allmod": (DEFAULT_LINUX + "-allmod",
                   os.path.join(DEFAULT_LINUX + "-allmod", "compile_commands.json")),
    }


def db_files(db):
    with open(db) as f:
        entries = json.load(f)
    files = set()
    for e in entries:
        p = e["file"]
        if not os.path.isabs(p):
            p = os.path.join(e.get("directory", ""), p)
        files.add(os.path.realpath(p))
    return files


def run_kmapcheck(binary, db, paths, jobs, extra):
    """kmapcheck's JSON report for `paths` (absolute) with database `db`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        cmd = [binary, "-p", db, "--format=json", "-o", out, "--quiet",
               f"-j={jobs}"] + extra + paths
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 1, 3) or not os.path.exists(out):
            raise CorpusError(f"kmapcheck exited {proc.returncode}: {' '.join(cmd)}\n"
                              f"{proc.stderr.strip()}")
        with open(out) as f:
            return json.load(f)


def finding_key(f):
    return (f["file"], f["line"], f.get("column", 0), f["check"], f["message"])


def evaluate(cases, trees, reports):
    """Classifies every case. `trees` maps a tree name to (dir, the set of
    files of its compile database or None, why it is None); `reports` maps a
    tree name to kmapcheck's JSON report (or None when it was not run)."""
    results = []
    # Per tree: file -> list of (range, case) to attribute findings.
    by_function = {}
    for case in cases:
        res = {"id": case["id"], "tree": case["tree"], "file": case["file"],
               "function": case["function"], "line": case["line"], "check": case["check"],
               "family": CHECKS[case["check"]], "kind": case["kind"],
               "in_scope": case["in_scope"], "findings": [], "wrong_check": []}
        results.append(res)
        tree = trees.get(case["tree"])
        if tree is None or tree[1] is None:
            res["status"] = "not built"
            res["reason"] = tree[2] if tree else f"no {case['tree']} tree"
            continue
        directory, files = tree[0], tree[1]
        path = os.path.realpath(os.path.join(directory, case["file"]))
        if not os.path.exists(path):
            raise CorpusError(f"{case['_where']}: {case['file']} is not in the {case['tree']} tree")
        try:
            res["range"] = function_range(path, case["function"], case["line"])
        except CorpusError as e:
            raise CorpusError(f"{case['_where']}: {e}") from None
        res["_path"] = path
        if path not in files:
            res["status"] = "not built"
            res["reason"] = f"{case['file']} is not in the {case['tree']} compile database"
            continue
        by_function.setdefault((case["tree"], path), []).append(res)

    for (tree, path), group in by_function.items():
        report = reports.get(tree) or {"findings": [], "tool_errors": []}
        failed = {os.path.realpath(e["file"]) for e in report.get("tool_errors", [])
                  if isinstance(e, dict) and "file" in e}
        # A finding is "at" the line of its primary location, and "via" the
        # line of its map site (the note "... created here"): the sleep the
        # engine found in a callee, or the leak reported in a header, concerns
        # the function that made the mapping.
        located = []
        for f in report.get("findings", []):
            if os.path.realpath(f["file"]) == path:
                located.append((f["line"], "at", f))
            for n in f.get("notes", []):
                if MAP_SITE_RE.match(n.get("message", "")) and \
                        os.path.realpath(n.get("file", "")) == path:
                    located.append((n["line"], "via", f))
                    break
        for res in group:
            if path in failed:
                res["status"] = "tool error"
                continue
            lo, hi = res["range"]
            # One entry per finding: "at" when its location is in the
            # function, else "via" when only its map site is.
            chosen = {}
            for line, how, f in located:
                if lo <= line <= hi and chosen.get(id(f), ("via",))[0] != "at":
                    chosen[id(f)] = (how, f)
            inside = sorted(chosen.values(), key=lambda hf: finding_key(hf[1]))
            # The checks the function's bug cases expect: a finding of one of
            # them is never "wrong check" for another case of the same function.
            expected = {r["check"] for r in group if r["kind"] == "bug" and r["range"] == res["range"]}

            def entry(how, f):
                e = {"check": f["check"], "line": f["line"], "message": f["message"]}
                if how == "via" and not (lo <= f["line"] <= hi and
                                         os.path.realpath(f["file"]) == path):
                    e["reported_in"] = f"{f['file']}:{f['line']}"
                return e
            own = [entry(h, f) for h, f in inside if f["check"] == res["check"]]
            if res["kind"] == "bug":
                res["findings"] = own
                res["wrong_check"] = [entry(h, f) for h, f in inside
                                      if f["check"] not in NOT_PATH and f["check"] not in expected]
                if not res["in_scope"]:
                    res["status"] = "out of scope"
                else:
                    res["status"] = "hit" if own else "miss"
            else:
                res["findings"] = [entry(h, f) for h, f in inside
                                   if f["check"] not in NOT_PATH or f["check"] == res["check"]]
                res["status"] = "false report" if res["findings"] else "ok"
    for res in results:
        res.pop("_path", None)
    return results


def summarise(results):
    fam = {f: {"bugs": 0, "in_scope": 0, "hits": 0, "correct": 0, "false_reports": 0,
               "false_report_cases": 0, "wrong_check": 0, "not_built": 0} for f in FAMILIES}
    # A finding is counted once even when two cases share a function.
    wrong_seen, false_seen = set(), set()
    for r in results:
        s = fam[r["family"]]
        if r["status"] == "not built":
            s["not_built"] += 1
        if r["kind"] == "bug":
            s["bugs"] += 1
            if r["in_scope"] and r["status"] in ("hit", "miss", "tool error"):
                s["in_scope"] += 1
                s["hits"] += r["status"] == "hit"
            for f in r["wrong_check"]:
                key = (r["tree"], r["file"], f["line"], f["check"], f["message"])
                if key not in wrong_seen:
                    wrong_seen.add(key)
                    s["wrong_check"] += 1
        else:
            s["correct"] += 1
            if r["status"] == "false report":
                s["false_report_cases"] += 1
            for f in r["findings"]:
                key = (r["tree"], r["file"], f["line"], f["check"], f["message"])
                if key not in false_seen:
                    false_seen.add(key)
                    s["false_reports"] += 1
    total = {k: sum(fam[f][k] for f in FAMILIES) for k in fam[FAMILIES[0]]}
    in_scope_all = sum(1 for r in results if r["kind"] == "bug" and r["in_scope"])
    total["in_scope_listed"] = in_scope_all
    total["recall"] = (total["hits"] / total["in_scope"]) if total["in_scope"] else None
    return fam, total


def where(f):
    """'line N', or 'FILE:N (via its map site)' for a finding reported
    outside the function and attributed to it through its map site."""
    if "reported_in" in f:
        return f"{os.path.basename(f['reported_in'].rsplit(':', 1)[0])}:{f['line']} (via its map site)"
    return f"line {f['line']}"


def render_text(results, fam, total, out):
    width = max(len(r["id"]) for r in results)
    for r in results:
        extra = ""
        if r["kind"] == "bug" and r["status"] == "hit":
            extra = " at " + ", ".join(where(f) for f in r["findings"])
        if r["status"] == "false report":
            extra = ": " + "; ".join(f"{f['check']} at {where(f)}" for f in r["findings"])
        if r["status"] == "not built":
            extra = f" ({r['reason']})"
        if r["wrong_check"]:
            extra += "; wrong check: " + "; ".join(
                f"{f['check']} at {where(f)}" for f in r["wrong_check"])
        scope = "" if r["in_scope"] or r["kind"] == "correct" else " [not in scope]"
        out.write(f"{r['id']:<{width}}  {r['kind']:<7}  {r['check']:<36}  "
                  f"{r['tree']}:{r['file']}:{r['line']} {r['function']}(){scope}  "
                  f"{r['status']}{extra}\n")
    out.write("\n| family | bugs | in scope, analysed | hits | correct cases | false reports "
              "| wrong-check findings in bug functions | not built |\n")
    out.write("| --- | --- | --- | --- | --- | --- | --- | --- |\n")
    for f in FAMILIES:
        s = fam[f]
        out.write(f"| {f} | {s['bugs']} | {s['in_scope']} | {s['hits']} | {s['correct']} | "
                  f"{s['false_reports']} | {s['wrong_check']} | {s['not_built']} |\n")
    out.write(f"| total | {total['bugs']} | {total['in_scope']} | {total['hits']} | "
              f"{total['correct']} | {total['false_reports']} | {total['wrong_check']} | "
              f"{total['not_built']} |\n\n")
    recall = "n/a" if total["recall"] is None else f"{100 * total['recall']:.1f}%"
    out.write(f"recall: {total['hits']}/{total['in_scope']} in-scope bugs analysed ({recall}; "
              f"{total['in_scope_listed']} in scope listed); false reports: "
              f"{total['false_reports']} in {total['false_report_cases']} correct function(s); "
              f"wrong-check findings in bug functions: {total['wrong_check']}\n")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(here, "corpus"),
                    help="directory of *.toml case files (default: bench/corpus)")
    ap.add_argument("--kmapcheck", help="kmapcheck binary to run")
    ap.add_argument("--tree", action="append", type=parse_tree_option, default=[],
                    metavar="NAME=DIR[,DB]",
                    help="a tree and its compile database (default DB: DIR/compile_commands.json); "
                    "defaults: x86_64=$KMAPCHECK_LINUX_DIR (/work/linux-6.1), "
                    "i386-highmem=...-i386, allmod=...-allmod")
    ap.add_argument("--findings", action="append", default=[], metavar="NAME=FILE",
                    help="use this kmapcheck JSON report for tree NAME instead of running kmapcheck")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="kmapcheck -j (default 2)")
    ap.add_argument("--extra", action="append", default=[], metavar="ARG",
                    help="an extra kmapcheck argument (repeatable)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--list-objects", metavar="TREE",
                    help="print the objects (dir/file.o) the corpus names in TREE, and exit")
    args = ap.parse_args(argv)

    try:
        cases = load_corpus(args.corpus)
        if args.list_objects:
            objs = sorted({f[:-2] + ".o" for c in cases if c["tree"] == args.list_objects
                           for f in [c["file"]] + c.get("context", []) if f.endswith(".c")})
            print("\n".join(objs))
            return 0
        trees = default_trees()
        for name, directory, db in args.tree:
            trees[name] = (directory, db)
        given = {}
        for value in args.findings:
            name, sep, path = value.partition("=")
            if not sep:
                raise CorpusError(f"--findings '{value}': expected NAME=FILE")
            given[name] = path
        if not given.keys() >= {c["tree"] for c in cases if c["tree"] in trees} and not args.kmapcheck:
            raise CorpusError("--kmapcheck is required (or --findings for every tree)")
        if args.kmapcheck and not os.access(args.kmapcheck, os.X_OK):
            raise CorpusError(f"{args.kmapcheck}: not an executable")

        resolved, reports = {}, {}
        for name, (directory, db) in sorted(trees.items()):
            if not os.path.isdir(directory):
                resolved[name] = (directory, None, f"no {name} tree at {directory}")
                continue
            if not os.path.isfile(db):
                resolved[name] = (directory, None, f"no compile database {db}")
                continue
            files = db_files(db)
            resolved[name] = (directory, files, "")
            # A case's file, and the files whose summaries it needs (context).
            wanted = sorted({os.path.realpath(os.path.join(directory, f))
                             for c in cases if c["tree"] == name
                             for f in [c["file"]] + c.get("context", [])})
            wanted = [p for p in wanted if p in files]
            if name in given:
                with open(given[name]) as f:
                    reports[name] = json.load(f)
            elif wanted:
                reports[name] = run_kmapcheck(args.kmapcheck, db, wanted, args.jobs, args.extra)
        results = evaluate(cases, resolved, reports)
    except (CorpusError, OSError, json.JSONDecodeError) as e:
        print(f"corpus.py: error: {e}", file=sys.stderr)
        return 2
    fam, total = summarise(results)
    if args.json:
        json.dump({"version": 1, "cases": results, "families": fam, "total": total},
                  sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    else:
        render_text(results, fam, total, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
