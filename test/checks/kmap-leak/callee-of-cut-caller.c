// A static helper inlined into a caller whose analysis hit the node bound
// is analysed on its own as well: the caller saw only some of the helper's
// paths. Here the helper leaks only when all fourteen earlier tests were
// true, one path in 2^14 of the caller, never reached within the bound;
// analysed alone, the helper's early return is a path like any other.
// --stats counts the helpers analysed that way, and those that were not.
// RUN: not %kmapcheck --stats --checks=-*,kmap-leak %s -- %mock_highmem 2>%t.stats | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=STATS < %t.stats
#include <linux/highmem.h>

int probe(int i);
void consume(char *p);
int sink;

static void fill(struct page *page, int n)
{
	char *a = kmap_local_page(page);
	if (n == 0x3fff)
		return;
	consume(a);
	kunmap_local(a);
}
// CHECK: callee-of-cut-caller.c:[[@LINE-4]]:3: warning: {{.*}}[kmap-leak]

/* Inlined into the same caller, but it maps, unmaps and changes no depth
 * itself: judged in its caller as far as the budget went, not analysed on
 * its own (a second analysis of every such helper made fs/aio.c cost 6x
 * clang's parse). */
static void refill(struct page *page, int n)
{
	sink++;
	fill(page, n);
}

#define T(i) if (probe(i)) n |= 1 << (i);
#define T7(i) T(i) T(i + 1) T(i + 2) T(i + 3) T(i + 4) T(i + 5) T(i + 6)

void fill_all(struct page *page)
{
	int n = 0;
	fill(page, 0);
	T7(0)
	T7(7)
	refill(page, n);
}
// STATS: kmapcheck: stats: bound hit: {{.*}}callee-of-cut-caller.c: fill_all
// STATS: kmapcheck: stats: 1 function(s) analysed on their own because a caller that inlined them hit the bound
// STATS: kmapcheck: stats: 1 function(s) inlined into a caller that hit the bound not analysed on their own (they map, unmap and change no depth themselves)
