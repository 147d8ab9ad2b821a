// RUN: not %kmapcheck --quiet --checks=-*,pagefault-balance,preempt-balance %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// A loop whose 'continue' leaks a kmap_atomic() reaches the return at depth
// 1, 2, 3...: one finding per location and check, on the first path.
#include <linux/highmem.h>

int sum_pages(struct page **pages, int n)
{
	int i, s = 0;
	for (i = 0; i < n; i++) {
		char *p = kmap_atomic(pages[i]);
		if (p[0] == 0)
			continue;
		s += p[1];
		kunmap_atomic(p);
	}
	return s;
	// CHECK: loop-once.c:[[@LINE-1]]:2: warning: 'sum_pages' returns with page faults disabled on this path (depth 1) [pagefault-balance]
	// CHECK: loop-once.c:[[@LINE-2]]:2: warning: 'sum_pages' returns with preemption disabled on this path (depth 1) [preempt-balance]
}
