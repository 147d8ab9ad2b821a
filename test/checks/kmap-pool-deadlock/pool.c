// RUN: not %kmapcheck --quiet --checks=-*,kmap-pool-deadlock %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-pool-deadlock --check-option=kmap-pool-deadlock.ClassOrder=src,dst %s -- %mock_highmem | FileCheck --check-prefix=ORDER %s --implicit-check-not=warning:
#include <linux/highmem.h>

void two_kmaps(struct page *src, struct page *dst) {
	char *s = kmap(src);
	char *d = kmap(dst);
	d[0] = s[0];
	kunmap(dst);
	kunmap(src);
}
// CHECK: pool.c:[[@LINE-5]]:12: warning: 'kmap' while this path holds the kmap() mapping of 's': the kmap() pool has LAST_PKMAP entries, and tasks that each hold one while waiting for another can exhaust it and wait for each other forever [kmap-pool-deadlock]
// CHECK: pool.c:[[@LINE-7]]:12: note: mapping of 's' created here

void reverse_order(struct page *src, struct page *dst) {
	char *d = kmap(dst);
	char *s = kmap(src);
	d[0] = s[0];
	kunmap(src);
	kunmap(dst);
}
// CHECK: pool.c:[[@LINE-5]]:12: warning: 'kmap' while this path holds the kmap() mapping of 'd'
// ORDER: pool.c:[[@LINE-6]]:12: warning: 'kmap' while this path holds the kmap() mapping of 'd'

void sequential(struct page *src, struct page *dst) {
	char *s = kmap(src);
	s[0] = 0;
	kunmap(src);
	s = kmap(dst);
	s[0] = 0;
	kunmap(dst);
}

/* The seed-002 hazard through a helper: the second kmap() waits for a new
 * entry while the first is held. */
static char *map_dst(struct page *dst) { return kmap(dst); }
void nested_in_helper(struct page *src, struct page *dst) {
	char *s = kmap(src);
	char *d = map_dst(dst);
	d[0] = s[0];
	kunmap(dst);
	kunmap(src);
}
// CHECK: pool.c:[[@LINE-8]]:49: warning: 'kmap' while this path holds the kmap() mapping of 's': the kmap() pool has LAST_PKMAP entries
// CHECK: pool.c:[[@LINE-7]]:12: note: mapping of 's' created here

/* The same page again reuses its pool entry (kmap_high() finds
 * page_address(page)): no new entry is waited for. */
void same_page_twice(struct page *page) {
	char *a = kmap(page);
	char *b = kmap(page);
	b[1] = a[0];
	kunmap(page);
	kunmap(page);
}
