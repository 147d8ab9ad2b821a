// A function whose own body makes no call that makes a function worth a
// path analysis (here fill_some(): it reaches the model only through
// fill()) explores half the node budget. With --max-nodes 5000,
// fill_some() finishes within 5000 nodes (e6c6978 analysed it once, and
// fill() only inside it) but not within 2500: it hits the smaller bound,
// and fill(), which maps itself, is analysed on its own, where its leak is
// found as before. --stats counts the functions given the smaller budget
// and those it cut short.
// RUN: not %kmapcheck --stats --max-nodes 5000 --checks=-*,kmap-leak %s -- %mock_highmem 2>%t.stats | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=STATS < %t.stats
#include <linux/highmem.h>

int probe(int i);
void consume(char *p);

static void fill(struct page *page, int n)
{
	char *a = kmap_local_page(page);
	if (n == 0x3f)
		return;
	consume(a);
	kunmap_local(a);
}
// CHECK: indirect-caller-budget.c:[[@LINE-4]]:3: warning: {{.*}}[kmap-leak]

#define T(i) if (probe(i)) n |= 1 << (i);

void fill_some(struct page *page)
{
	int n = 0;
	T(0) T(1) T(2) T(3) T(4) T(5)
	fill(page, n);
}
// STATS: kmapcheck: stats: 2 function(s) analysed path-sensitively, 0 skipped (no modeled call reachable), 1 hit the analysis bound
// STATS: kmapcheck: stats: bound hit: {{.*}}indirect-caller-budget.c: fill_some
// STATS: kmapcheck: stats: 1 function(s) analysed on their own because a caller that inlined them hit the bound
// STATS: kmapcheck: stats: 1 function(s) that reach the model only through their callees analysed with half the node budget, 1 of them cut short by it
