"""Writes a TU whose path-sensitive analysis takes minutes: N functions that
each map, branch on 24 independent bits and unmap, so that every one runs
the engine to its per-function node bound. Usage: gen-slow.py N OUT.c"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
lines = ["#include <linux/highmem.h>"]
for f in range(n):
    body = " ".join("if (x & %d) a[%d] = %d;" % (1 << b, b, b) for b in range(24))
    lines.append("void f%d(struct page *p, int x) { char *a = kmap_atomic(p); %s "
                 "kunmap_atomic(a); }" % (f, body))
with open(out, "w") as fh:
    fh.write("\n".join(lines) + "\n")
