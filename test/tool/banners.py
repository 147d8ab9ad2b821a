"""Every C/C++ source whose first line is an LLVM file banner has it on one
line of exactly 80 columns: //===- Name - description ---...---===// (with
-*- C++ -*- in headers). Prints each broken one; exit 1 when there is any.
Usage: banners.py SOURCE-ROOT [EXCLUDED-PATH...]"""
import os
import re
import sys

BANNER = re.compile(r"^//===- \S+( - .*\S)? -+(-\*- C\+\+ -\*-)?===//$")
root, excluded = sys.argv[1], sys.argv[2:]
bad = 0
for top in ("core", "checks", "tool", "reference", "test", "bench"):
    for dirpath, dirs, files in os.walk(os.path.join(root, top)):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith((".h", ".cpp", ".c")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            if any(rel == e or rel.startswith(e.rstrip("/") + "/")
                   for e in excluded):
                continue
            with open(path, errors="replace") as fh:
                first = fh.readline().rstrip("\n")
            if first.startswith("//===") and (len(first) != 80 or
                                              not BANNER.match(first)):
                print("%s:1: broken file banner (%d columns): %s" %
                      (rel, len(first), first))
                bad += 1
sys.exit(1 if bad else 0)
