#!/usr/bin/env python3
"""Every check's --explain examples, as kmapcheck prints them, are checked
against kmapcheck itself, so the documentation cannot drift from the tool.

Usage: explain_examples.py --kmapcheck K --clang C --headers DIR --out DIR
                           -- COMPILE-ARGS...

For each check of --list-checks, the Bad: and Good: examples of --explain
are written to files that include every header below --headers, and:
  1. both compile (clang -fsyntax-only COMPILE-ARGS);
  2. the bad one gets at least one warning of the check (--checks=-*,ID);
  3. the good one gets no finding of any check;
  4. when the description documents a fix-it, --fix --checks=-*,ID turns the
     bad example into the good one, byte for byte.
Prints "ID: ok" or "ID: FAILED: why" for each check; exit 1 on any failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def examples(text):
    """(description, bad, good) of an --explain output."""
    lines = text.split("\n")
    try:
        b, g = lines.index("Bad:"), lines.index("Good:")
    except ValueError:
        raise SystemExit("no 'Bad:' and 'Good:' sections in:\n" + text)

    def block(ls):
        out = [l[4:] if l.startswith("    ") else l for l in ls]
        return "\n".join(out).strip("\n") + "\n"
    return "\n".join(lines[:b]), block(lines[b + 1:g]), block(lines[g + 1:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kmapcheck", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--headers", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cargs = a.args[1:] if a.args[:1] == ["--"] else a.args
    headers = []
    for d, dirs, files in os.walk(a.headers):
        dirs.sort()
        headers += [os.path.relpath(os.path.join(d, f), a.headers)
                    for f in sorted(files) if f.endswith(".h")]
    prelude = "".join("#include <%s>\n" % h for h in sorted(headers)) + "\n"
    rc, out, err = run([a.kmapcheck, "--list-checks"])
    ids = [l.split()[0] for l in out.splitlines() if l.strip()]
    if rc != 0 or not ids:
        sys.exit("--list-checks failed: " + err)
    os.makedirs(a.out, exist_ok=True)
    failed = 0
    for cid in ids:
        rc, text, err = run([a.kmapcheck, "--explain", cid])
        desc, bad, good = examples(text)
        d = os.path.join(a.out, cid)
        os.makedirs(d, exist_ok=True)
        files = {}
        for name, body in (("bad", bad), ("good", good)):
            files[name] = os.path.join(d, name + ".c")
            with open(files[name], "w") as f:
                f.write(prelude + body)
        why = []
        for name in ("bad", "good"):
            rc, out, err = run([a.clang, "-fsyntax-only", files[name]] +
                               cargs)
            if rc != 0:
                why.append("the %s example does not compile:\n%s" %
                           (name, err))
        rc, out, err = run([a.kmapcheck, "--quiet", "--checks=-*," + cid,
                            files["bad"], "--"] + cargs)
        if not re.search(r"^\S*bad\.c:\d+:\d+: warning: .*\[%s\]$" %
                         re.escape(cid), out, re.M):
            why.append("the bad example gets no warning of the check "
                       "(exit %d):\n%s%s" % (rc, out, err))
        rc, out, err = run([a.kmapcheck, "--quiet", files["good"], "--"] +
                           cargs)
        if rc != 0 or out:
            why.append("the good example is not clean (exit %d):\n%s%s" %
                       (rc, out, err))
        if "fix-it" in desc:
            fixed = os.path.join(d, "fixed.c")
            shutil.copyfile(files["bad"], fixed)
            rc, out, err = run([a.kmapcheck, "--quiet", "--fix",
                                "--checks=-*," + cid, fixed, "--"] + cargs)
            with open(fixed) as f:
                got = f.read()
            if got != prelude + good:
                why.append("--fix does not turn the bad example into the "
                           "good one; it gives:\n" + got[len(prelude):])
        if why:
            failed += 1
            print("%s: FAILED: %s" % (cid, "\n".join(why)))
        else:
            print("%s: ok" % cid)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
