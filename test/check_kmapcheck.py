#!/usr/bin/env python3
"""The %check_kmapcheck lit substitution: one RUN line for a fix test.

Usage (in a test file):
  // RUN: %check_kmapcheck [options] %s CHECK-ID %t -- COMPILE-ARGS...

as clang-tidy's check_clang_tidy.py does it, in five steps on a copy of the
test file (%t/<file name>):
  1. analyse with --checks=-*,CHECK-ID --fix; the exit code must be
     --expect-exit (default 1: findings); stdout is checked with
     FileCheck --check-prefix=CHECK --implicit-check-not=warning:;
  2. the fixed file is checked with FileCheck --check-prefix=FIXED
     --match-full-lines --strict-whitespace (--fixed-loose: without the
     last two);
  3. the fixed file is analysed again: it must give no finding, or, with
     --remaining-prefix=P, what FileCheck --check-prefix=P expects
     (--remaining-any: anything);
  4. the fixed file compiles: clang -fsyntax-only with COMPILE-ARGS, and
     once more with each --recompile-args set;
  5. --fix on the fixed file changes nothing, and --export-fixes applied with
     clang-apply-replacements to a second copy gives the same file.
Every command is echoed to stderr; the first that fails ends the test.
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys


def run(cmd, stdin=None, check_exit=None, capture=True):
    sys.stderr.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n")
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE if capture
                       else None, stderr=subprocess.PIPE, text=True)
    if check_exit is not None and p.returncode != check_exit:
        sys.stderr.write(p.stdout or "")
        sys.stderr.write(p.stderr or "")
        sys.exit("check_kmapcheck: exit code %d, expected %d" %
                 (p.returncode, check_exit))
    return p


def filecheck(args, source, prefix, text, extra=()):
    cmd = [args.filecheck, source, "--check-prefix=" + prefix] + list(extra)
    p = run(cmd, stdin=text)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit("check_kmapcheck: FileCheck --check-prefix=%s failed" % prefix)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kmapcheck", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--filecheck", required=True)
    ap.add_argument("--apply-replacements", required=True)
    ap.add_argument("--expect-exit", type=int, default=1)
    ap.add_argument("--kmapcheck-arg", action="append", default=[],
                    help="an extra kmapcheck argument (e.g. --fail-on=none)")
    ap.add_argument("--fixed-loose", action="store_true")
    ap.add_argument("--remaining-prefix")
    ap.add_argument("--remaining-any", action="store_true",
                    help="the fixed file may still have findings")
    ap.add_argument("--recompile-args", action="append", default=[],
                    help="another set of clang arguments the fixed file "
                    "must compile with (one string, split like a shell)")
    ap.add_argument("--no-export-fixes", action="store_true")
    ap.add_argument("source")
    ap.add_argument("check_id")
    ap.add_argument("tmpdir")
    ap.add_argument("compile_args", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    compile_args = args.compile_args
    if compile_args[:1] == ["--"]:
        compile_args = compile_args[1:]

    name = os.path.basename(args.source)
    shutil.rmtree(args.tmpdir, ignore_errors=True)
    os.makedirs(os.path.join(args.tmpdir, "export", "yaml"))
    fixed = os.path.join(args.tmpdir, name)
    exported = os.path.join(args.tmpdir, "export", name)
    shutil.copy(args.source, fixed)
    shutil.copy(args.source, exported)
    base = [args.kmapcheck, "--quiet", "--checks=-*," + args.check_id
            ] + args.kmapcheck_arg

    # 1. Findings and fixes.
    p = run(base + ["--fix", fixed, "--"] + compile_args,
            check_exit=args.expect_exit)
    filecheck(args, args.source, "CHECK", p.stdout,
              ["--implicit-check-not=warning:"])
    # 2. The fixed file.
    with open(fixed) as f:
        text = f.read()
    filecheck(args, args.source, "FIXED", text, [] if args.fixed_loose else
              ["--match-full-lines", "--strict-whitespace"])
    # 3. What remains.
    p = run(base + [fixed, "--"] + compile_args)
    if args.remaining_any:
        pass
    elif args.remaining_prefix:
        filecheck(args, args.source, args.remaining_prefix, p.stdout,
                  ["--implicit-check-not=warning:"])
    elif p.stdout.strip() or p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit("check_kmapcheck: the fixed file still has findings")
    # 4. It compiles.
    for extra in [compile_args] + [shlex.split(a) for a in args.recompile_args]:
        run([args.clang, "-fsyntax-only"] + extra + [fixed], check_exit=0)
    # 5. Fixing again changes nothing; exported fixes give the same file.
    quiet = [a for a in base if not a.startswith("--fail-on")] + [
        "--fail-on=none"]
    again = os.path.join(args.tmpdir, "again", name)
    os.makedirs(os.path.dirname(again))
    shutil.copy(fixed, again)
    run(quiet + ["--fix", again, "--"] + compile_args,
        check_exit=0)
    with open(again) as f:
        if f.read() != text:
            sys.exit("check_kmapcheck: --fix on the fixed file changed it")
    if not args.no_export_fixes:
        yaml = os.path.join(args.tmpdir, "export", "yaml", "fixes.yaml")
        run(quiet + ["--export-fixes", yaml, exported, "--"]
            + compile_args, check_exit=0)
        run([args.apply_replacements, os.path.dirname(yaml)], check_exit=0)
        with open(exported) as f:
            if f.read() != text:
                sys.exit("check_kmapcheck: --export-fixes + "
                         "clang-apply-replacements differ from --fix")


if __name__ == "__main__":
    main()
