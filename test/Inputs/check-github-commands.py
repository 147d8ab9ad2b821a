#!/usr/bin/env python3
"""Checks GitHub Actions workflow commands against GitHub's escaping rules.

Every line starting with '::' must be '::command props::data' where the
properties are comma-separated key=value pairs whose values escape '%', CR,
LF, ':' and ',' and whose data escapes '%', CR and LF (as actions/toolkit's
command.ts does). Prints the unescaped file= values, one per line, and
'github-commands: N command(s), M error(s)'; exits 1 on any error.
"""
import re
import sys

ESC = re.compile(r"%(25|0D|0A|3A|2C)")


def unescape(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def main():
    errors = 0
    commands = 0
    for n, line in enumerate(sys.stdin.read().split("\n"), 1):
        if not line.startswith("::"):
            continue
        commands += 1
        m = re.match(r"^::([a-z-]+)( [^:]*)?::(.*)$", line)
        if not m:
            print("line %d: not a workflow command: %r" % (n, line))
            errors += 1
            continue
        cmd, props, data = m.group(1), (m.group(2) or "").strip(), m.group(3)
        if "\r" in data or "%" in ESC.sub("", data):
            print("line %d: unescaped %% or CR in data" % n)
            errors += 1
        for p in filter(None, props.split(",")):
            k, eq, v = p.partition("=")
            if not eq or not re.match(r"^[A-Za-z]+$", k):
                print("line %d: bad property %r" % (n, p))
                errors += 1
            elif "%" in ESC.sub("", v) or ":" in v:
                print("line %d: unescaped value in %r" % (n, p))
                errors += 1
            elif k == "file":
                print("file=" + unescape(v))
    print("github-commands: %d command(s), %d error(s)" % (commands, errors))
    return 1 if errors else 0


sys.exit(main())
