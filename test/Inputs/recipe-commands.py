#!/usr/bin/env python3
"""Runs every kmapcheck command line of a CI recipe, parse-only.

Usage: recipe-commands.py KMAPCHECK RECIPE...  A command line is a line of
a recipe (after an optional YAML '- ') that starts with "$KMAPCHECK" or
$KMAPCHECK. Each is run by sh with KMAPCHECK set to the binary, the recipe's
other variables set to harmless values, and --dump-config appended: the
options are parsed and checked, nothing is analysed, nothing reaches the
network. A 'kmapcheck merge' line gets --check-args instead: its options and
file names are checked, nothing is read or written. Prints one line per command and a summary; exits 1 when a command
is rejected or a recipe has none.
"""
import os
import subprocess
import sys


def commands(path):
    out = []
    lines = open(path).read().split("\n")
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("- "):
            s = s[2:].strip()
        if s.startswith('"$KMAPCHECK"') or s.startswith("$KMAPCHECK "):
            while s.endswith("\\") and i + 1 < len(lines):
                i += 1
                s = s[:-1] + " " + lines[i].strip()
            out.append(s)
        i += 1
    return out


def main():
    binary, recipes = sys.argv[1], sys.argv[2:]
    env = dict(os.environ, KMAPCHECK=binary, BASE="origin/main",
               CHANGED="fs/a.c mm/b.c", CI_PROJECT_DIR="/nonexistent",
               GITHUB_WORKSPACE="/nonexistent", SHARD="1",
               JOB_COMPLETION_INDEX="0")
    total = rejected = 0
    for r in recipes:
        cmds = commands(r)
        if not cmds:
            print("%s: no kmapcheck command line" % os.path.basename(r))
            rejected += 1
        for c in cmds:
            total += 1
            c = c.split(" || ")[0]  # the shell's handling of the exit code
            merge = c.split()[1:2] == ["merge"]
            p = subprocess.run(c.replace(" merge ", " merge --check-args ", 1)
                               if merge else c + " --dump-config", shell=True,
                               env=env, capture_output=True, text=True,
                               executable="/bin/sh")
            name = os.path.basename(r)
            ok = "merge: arguments accepted" if merge else "Checks:"
            if p.returncode == 0 and ok in p.stdout:
                print("%s: accepted: %s" % (name, c))
            else:
                rejected += 1
                print("%s: rejected (exit %d): %s\n%s" %
                      (name, p.returncode, c, p.stderr.strip()))
    print("recipe-commands: %d command(s), %d rejected" % (total, rejected))
    return 1 if rejected else 0


sys.exit(main())
