// RUN: %kmapcheck --quiet --stats --checks=-*,kmap-leak %s -- %mock_highmem 2>&1 | FileCheck %s --implicit-check-not=warning:
// A chain of 40 one-line static helpers whose last one calls kmap(). The
// Static Analyzer inlines branch-free functions at any depth, so the chain
// became 40 frames and the cost grew with the square of its length (over
// 100 s for 2,000 helpers). Calls 16 frames deep are evaluated without their
// bodies, which --stats says, and callers are analysed before callees, so
// a chain of N costs N/16 analyses.
// CHECK: kmapcheck: stats: 3 function(s) analysed path-sensitively, 0 skipped (no modeled call reachable), 2 hit the analysis bound
// CHECK: bound hit: {{.*}}helper-chain.c: entry (calls 16 frames deep evaluated without their bodies)
// CHECK: bound hit: {{.*}}helper-chain.c: h16 (calls 16 frames deep evaluated without their bodies)
#include <linux/highmem.h>

static int h40(struct page *p) { char *a = kmap(p); int r = a[0]; kunmap(p); return r; }
static int h39(struct page *p) { return h40(p) + 1; }
static int h38(struct page *p) { return h39(p) + 1; }
static int h37(struct page *p) { return h38(p) + 1; }
static int h36(struct page *p) { return h37(p) + 1; }
static int h35(struct page *p) { return h36(p) + 1; }
static int h34(struct page *p) { return h35(p) + 1; }
static int h33(struct page *p) { return h34(p) + 1; }
static int h32(struct page *p) { return h33(p) + 1; }
static int h31(struct page *p) { return h32(p) + 1; }
static int h30(struct page *p) { return h31(p) + 1; }
static int h29(struct page *p) { return h30(p) + 1; }
static int h28(struct page *p) { return h29(p) + 1; }
static int h27(struct page *p) { return h28(p) + 1; }
static int h26(struct page *p) { return h27(p) + 1; }
static int h25(struct page *p) { return h26(p) + 1; }
static int h24(struct page *p) { return h25(p) + 1; }
static int h23(struct page *p) { return h24(p) + 1; }
static int h22(struct page *p) { return h23(p) + 1; }
static int h21(struct page *p) { return h22(p) + 1; }
static int h20(struct page *p) { return h21(p) + 1; }
static int h19(struct page *p) { return h20(p) + 1; }
static int h18(struct page *p) { return h19(p) + 1; }
static int h17(struct page *p) { return h18(p) + 1; }
static int h16(struct page *p) { return h17(p) + 1; }
static int h15(struct page *p) { return h16(p) + 1; }
static int h14(struct page *p) { return h15(p) + 1; }
static int h13(struct page *p) { return h14(p) + 1; }
static int h12(struct page *p) { return h13(p) + 1; }
static int h11(struct page *p) { return h12(p) + 1; }
static int h10(struct page *p) { return h11(p) + 1; }
static int h9(struct page *p) { return h10(p) + 1; }
static int h8(struct page *p) { return h9(p) + 1; }
static int h7(struct page *p) { return h8(p) + 1; }
static int h6(struct page *p) { return h7(p) + 1; }
static int h5(struct page *p) { return h6(p) + 1; }
static int h4(struct page *p) { return h5(p) + 1; }
static int h3(struct page *p) { return h4(p) + 1; }
static int h2(struct page *p) { return h3(p) + 1; }
static int h1(struct page *p) { return h2(p) + 1; }
int entry(struct page *p) { return h1(p); }
