#!/usr/bin/env python3
"""kmapcheck as Kbuild's checker against the compile-database run, on the same
TUs (issue 13, point 1).

  bench/kbuild_compare.py --ccdb /work/ccdb-vmlinux/compile_commands.json \\
      --dir mm --kmapcheck build/bin/kmapcheck -j 2

runs 'kmapcheck -p CCDB TREE/DIR' once, then, for every .c entry below DIR,
the command Kbuild runs for C=2 -- $(CHECK) $(CHECKFLAGS) $(c_flags) $< in
the tree's root, with CHECK="kmapcheck --kbuild", CHECKFLAGS as the 6.1
top-level Makefile sets them for x86_64 and c_flags taken from the entry
(the compiler's command without the compiler, -c, -o and the file) -- and
compares the findings (file relative to the tree, line, column, check; a
header finding counts once). With --make it runs the real thing instead,
'make C=2 CHECK="kmapcheck --kbuild" DIR/' in the tree (which rebuilds what is
out of date first; do not use it while another make runs in the tree).
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import time

CHECKFLAGS = ["-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
              "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute",
              "-D__x86_64__", "--arch=x86", "-mlittle-endian", "-m64"]
FINDING = re.compile(r"^(\S+?):(\d+):(\d+): (?:note|warning|error): .* \[([\w-]+)\]$")


def c_flags(entry):
    argv = entry.get("arguments") or shlex.split(entry["command"])
    out, i = [], 1
    while i < len(argv):
        a = argv[i]
        if a == "-o":
            i += 2
            continue
        if a == "-c" or a == entry["file"] or \
                os.path.join(entry["directory"], a) == entry["file"]:
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def parse(text, tree):
    found = set()
    for line in text.splitlines():
        m = FINDING.match(line)
        if m:
            f = m.group(1)
            if os.path.isabs(f):
                f = os.path.relpath(f, tree)
            found.add((os.path.normpath(f), int(m.group(2)), int(m.group(3)), m.group(4)))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ccdb", required=True)
    ap.add_argument("--dir", default="mm")
    ap.add_argument("--kmapcheck", default="build/bin/kmapcheck")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--make", action="store_true",
                    help="run make C=2 in the tree instead of Kbuild's command per TU")
    args = ap.parse_args()
    kmapcheck = os.path.abspath(args.kmapcheck)
    db = json.load(open(args.ccdb))
    entries = [e for e in db if e["file"].endswith(".c")]
    tree = entries[0]["directory"]
    sel = [e for e in entries
           if os.path.relpath(e["file"] if os.path.isabs(e["file"]) else
                              os.path.join(e["directory"], e["file"]), tree)
           .startswith(args.dir.rstrip("/") + "/")]

    t = time.monotonic()
    p = subprocess.run([kmapcheck, "-p", args.ccdb, "-j", str(args.jobs), "--quiet",
                        "--fail-on=none", os.path.join(tree, args.dir)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db_wall = time.monotonic() - t
    db_found = parse(p.stdout, tree)

    t = time.monotonic()
    kbuild_text, failed = "", 0
    if args.make:
        p = subprocess.run(["make", "-C", tree, "-j", str(args.jobs), "C=2",
                            "CHECK=%s --kbuild" % kmapcheck, args.dir.rstrip("/") + "/"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        kbuild_text, failed = p.stderr, p.returncode != 0
    else:
        def one(e):
            rel = os.path.relpath(e["file"], e["directory"])
            r = subprocess.run([kmapcheck, "--kbuild"] + CHECKFLAGS + c_flags(e) + [rel],
                               cwd=e["directory"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
            return r.returncode, r.stdout + r.stderr
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            for rc, text in ex.map(one, sel):
                failed += rc != 0
                kbuild_text += text
    kbuild_wall = time.monotonic() - t
    kb_found = parse(kbuild_text, tree)

    print("| measure | value |\n| --- | --- |")
    print(f"| TUs below {args.dir}/ | {len(sel)} |")
    print(f"| findings, compile-database run | {len(db_found)} ({db_wall:.1f} s) |")
    print(f"| findings, Kbuild's checker command ({'make C=2' if args.make else 'per TU'}) "
          f"| {len(kb_found)} ({kbuild_wall:.1f} s, {failed} non-zero exits) |")
    print(f"| identical | {'yes' if db_found == kb_found else 'NO'} |")
    for x in sorted(db_found - kb_found)[:20]:
        print(f"\nonly in the database run: {x}")
    for x in sorted(kb_found - db_found)[:20]:
        print(f"\nonly in the Kbuild run: {x}")
    return 0 if db_found == kb_found and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
