#!/usr/bin/env python3
"""The whole tree in one run: kmapcheck against clang-19 -fsyntax-only and
Coccinelle on every TU of a kernel build (issue 13, point 8).

Prepare the tree with 'bench/prepare-linux.sh vmlinux' (x86_64 defconfig
vmlinux and its compile_commands.json), then

  bench/whole_tree.py --ccdb /work/ccdb-vmlinux/compile_commands.json \\
      --kmapcheck build/bin/kmapcheck -j 2

measures, in this order and at the same -j:
  * wall time of clang-19 -fsyntax-only over all TUs (kmapcheck's sanitized
    command lines, --print-clang-commands);
  * kmapcheck over all TUs with the prefilter (the default) and with
    --no-prefilter, every check on; the two reports must be identical;
  * per TU, on every TU the prefilter run parsed: its time in that run
    (--stats --verbose) against clang's on the same TU at the same -j;
  * clang-19 -fsyntax-only over only the TUs whose .c file has a finding:
    the least a tool that parses them with clang can take;
  * kmapcheck and clang on each of the 5 TUs that the prefilter run spent
    most on (its --stats line), one at a time, pinned to --cpu;
  * Coccinelle (spatch --sp-file bench/kmap_local_page.cocci --no-includes,
    one file group per TU, --jobs N) over the same .c files;
  * peak RSS of kmapcheck (-j1 --no-prefilter) and of clang on the largest
    TUs;
and prints a Markdown table, with the machine's load average before and after.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_timed(cmd, cwd=None, stdout=subprocess.PIPE):
    t = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                       text=True)
    return time.monotonic() - t, p


def peak_rss_kb(cmd, cwd=None):
    """Runs cmd and returns (seconds, peak RSS in KiB, exit code)."""
    t = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.monotonic() - t, ru.ru_maxrss, os.waitstatus_to_exitcode(status)


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ccdb", required=True, help="compile_commands.json of the tree")
    ap.add_argument("--kmapcheck", default="build/bin/kmapcheck")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--spatch", default="spatch")
    ap.add_argument("--cocci", default=os.path.join(os.path.dirname(__file__),
                                                    "kmap_local_page.cocci"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--cpu", type=int, default=0,
                    help="pin the per-TU timings of the slowest TUs to this CPU")
    ap.add_argument("--rss-tus", type=int, default=5,
                    help="peak RSS on this many of the largest TUs")
    ap.add_argument("--out", default="bench/out/whole")
    ap.add_argument("--skip", nargs="*", default=[],
                    choices=["clang", "kmapcheck", "nofilter", "pertu", "bound", "slowest",
                             "spatch", "rss"])
    args = ap.parse_args()

    kmapcheck = os.path.abspath(args.kmapcheck)
    ccdb = os.path.abspath(args.ccdb)
    os.makedirs(args.out, exist_ok=True)
    out = os.path.abspath(args.out)
    rows = []
    row = lambda k, v: (rows.append((k, v)), print(f"| {k} | {v} |", file=sys.stderr, flush=True))

    row("load average (1, 5, 15 min) at the start", load())
    p = subprocess.run([kmapcheck, "-p", ccdb, "--print-clang-commands"],
                       stdout=subprocess.PIPE, text=True, check=True)
    commands = json.loads(p.stdout)
    files = sorted({c["file"] for c in commands})
    row("translation units (.c compile commands)", f"{len(commands)} ({len(files)} files)")

    clang_times = {}
    # 1. clang-19 -fsyntax-only over every TU.
    if "clang" not in args.skip:
        def clang_one(c):
            t, r = run_timed([args.clang] + c["arguments"][1:], cwd=c["directory"])
            return c["file"], t, r.returncode
        t0 = time.monotonic()
        failed = 0
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            for f, t, rc in ex.map(clang_one, commands):
                failed += rc != 0
                clang_times[f] = t
        clang_wall = time.monotonic() - t0
        row(f"wall, clang-19 -fsyntax-only -j{args.jobs}", f"{clang_wall:.1f} s ({failed} failed)")

    # 2. kmapcheck with and without the prefilter.
    reports = {}
    slowest = []
    tu_times = {}  # file -> kmapcheck's time for it in the prefilter run
    for name, extra in (("kmapcheck", []), ("nofilter", ["--no-prefilter"])):
        if name in args.skip:
            continue
        path = os.path.join(out, f"{name}.json")
        t, r = run_timed([kmapcheck, "-p", ccdb, "-j", str(args.jobs), "--stats",
                          "--verbose", "--fail-on=none", "--format=json", "-o",
                          path] + extra)
        with open(os.path.join(out, f"{name}.stderr"), "w") as f:
            f.write(r.stderr)  # the --stats lines
        with open(path) as f:
            reports[name] = json.load(f)
        rep = reports[name]
        label = "kmapcheck, all checks" + (", --no-prefilter" if extra else ", prefilter on")
        row(f"wall, {label} -j{args.jobs}",
            f"{t:.1f} s ({len(rep['findings'])} findings, {len(rep['tool_errors'])} TUs not analysed)")
        m = re.search(r"stats: slowest translation unit\(s\): (.*)", r.stderr)
        if m and not extra:
            slowest = [x.rsplit(" ", 2)[0] for x in m.group(1).split(", ")]
        if not extra:
            for m in re.finditer(r"stats: analysed (.*) in ([0-9.]+) s$", r.stderr, re.M):
                tu_times[m.group(1)] = float(m.group(2))
        m = re.search(r"stats: (\d+) of (\d+) translation unit\(s\) skipped", r.stderr)
        if m:
            row("TUs skipped by the prefilter", f"{m.group(1)} of {m.group(2)} "
                f"({100.0 * int(m.group(1)) / max(1, int(m.group(2))):.0f}%)")
    if len(reports) == 2:
        same = reports["kmapcheck"] == reports["nofilter"]
        row("findings identical with and without the prefilter",
            "yes" if same else "NO")

    # 2b. The least any tool that parses with clang must spend: clang-19
    # -fsyntax-only over only the TUs whose own .c file has a finding, as if
    # a perfect prefilter knew them in advance and the checks cost nothing.
    # (A finding in a header needs one TU more; this is a lower bound.)
    if "bound" not in args.skip:
        rep = reports.get("kmapcheck") or reports.get("nofilter")
        if rep is None and os.path.exists(os.path.join(out, "kmapcheck.json")):
            with open(os.path.join(out, "kmapcheck.json")) as f:
                rep = json.load(f)
        if rep is not None:
            hit = {f["file"] for f in rep["findings"]}
            needed = [c for c in commands if c["file"] in hit]
            t0 = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
                list(ex.map(lambda c: run_timed([args.clang] + c["arguments"][1:],
                                                cwd=c["directory"]), needed))
            row(f"wall, clang-19 -fsyntax-only -j{args.jobs} over only the "
                f"{len(needed)} TUs whose .c file has a finding (lower bound)",
                f"{time.monotonic() - t0:.1f} s")

    # 2b'. The per-TU goal on every TU the prefilter run parsed: its time in
    # that run (--stats --verbose) against clang's on the same TU at the same
    # -j (from step 1, else timed here on those TUs only).
    if "pertu" not in args.skip and tu_times:
        by_file = {c["file"]: c for c in commands}
        todo = [by_file[f] for f in tu_times if f in by_file and f not in clang_times]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            for c, (t, _) in zip(todo, ex.map(
                    lambda c: run_timed([args.clang] + c["arguments"][1:],
                                        cwd=c["directory"]), todo)):
                clang_times[c["file"]] = t
        ratios = sorted((tu_times[f] / clang_times[f], f) for f in tu_times
                        if clang_times.get(f))
        if ratios:
            row(f"per TU, the {len(ratios)} TUs the prefilter run parsed, kmapcheck / clang "
                f"at -j{args.jobs}, median", f"{statistics.median(r[0] for r in ratios):.2f}")
            row("per TU, the same, worst three",
                ", ".join(f"{os.path.relpath(f, by_file[f]['directory'])} {r:.2f}"
                          for r, f in ratios[-3:][::-1]))
            with open(os.path.join(out, "per_tu_whole.tsv"), "w") as f:
                f.write("ratio\tkmapcheck_s\tclang_s\tfile\n")
                for r, fl in ratios:
                    f.write(f"{r:.2f}\t{tu_times[fl]:.2f}\t{clang_times[fl]:.2f}\t{fl}\n")

    # 2c. The per-TU goal (at most 3x clang) on the TUs the whole run spent
    # most on (its --stats line), one at a time, pinned to --cpu, the median
    # of three runs each.
    if "slowest" not in args.skip and slowest:
        pin = ["taskset", "-c", str(args.cpu)] if shutil.which("taskset") else []
        by_file = {c["file"]: c for c in commands}
        for f in slowest:
            c = by_file.get(f)
            if c is None:
                continue
            kt, ct = [], []
            for _ in range(3):
                kt.append(run_timed(pin + [kmapcheck, "-p", ccdb, "-j", "1", "--quiet",
                                           "--fail-on=none", f])[0])
                ct.append(run_timed(pin + [args.clang] + c["arguments"][1:],
                                    cwd=c["directory"])[0])
            k, cl = statistics.median(kt), statistics.median(ct)
            row(f"per TU, one of the 5 slowest of the run: {os.path.relpath(f, c['directory'])}",
                f"kmapcheck {k:.2f} s, clang {cl:.2f} s (ratio {k / cl:.2f})")

    # 3. Coccinelle over the same files, one group per file, same -j.
    if "spatch" not in args.skip:
        with tempfile.NamedTemporaryFile("w", suffix=".groups", delete=False) as g:
            g.write("\n\n".join(files) + "\n")
            groups = g.name
        diff = os.path.join(out, "spatch.diff")
        with open(diff, "w") as d:
            t, r = run_timed([args.spatch, "--sp-file", args.cocci, "--no-includes",
                              "--very-quiet", "--jobs", str(args.jobs),
                              "--file-groups", groups], stdout=d)
        os.unlink(groups)
        with open(diff, errors="replace") as d:
            text = d.read()
        patched = len(re.findall(r"^\+\+\+ ", text, re.M))
        calls = len(re.findall(r"^-.*\bkmap_atomic\s*\(", text, re.M))
        row(f"wall, Coccinelle {r.args[0]} --jobs {args.jobs} (kmap_local_page.cocci)",
            f"{t:.1f} s ({patched} files patched, {calls} lines with kmap_atomic( converted; exit {r.returncode})")

    # 4. Peak RSS on the largest TUs (by main file size), one at a time.
    if "rss" not in args.skip:
        largest = sorted(commands, key=lambda c: os.path.getsize(c["file"]),
                         reverse=True)[:args.rss_tus]
        worst = 0.0
        for c in largest:
            _, k, _ = peak_rss_kb([kmapcheck, "-p", ccdb, "-j", "1", "--quiet",
                                   "--no-prefilter", "--fail-on=none", c["file"]])
            _, cl, _ = peak_rss_kb([args.clang] + c["arguments"][1:], cwd=c["directory"])
            worst = max(worst, k / cl)
            rel = os.path.relpath(c["file"], c["directory"])
            row(f"peak RSS, {rel}", f"kmapcheck {k / 1024:.0f} MiB, clang {cl / 1024:.0f} MiB (ratio {k / cl:.2f})")
        row("peak RSS ratio kmapcheck / clang, worst of these", f"{worst:.2f}")

    row("load average (1, 5, 15 min) at the end", load())
    print("| measure | value |\n| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
