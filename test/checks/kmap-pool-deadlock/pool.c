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
// CHECK: pool.c:[[@LINE-5]]:12: warning: 'kmap' while this path holds the kmap() mapping of 's': with the pool exhausted, tasks doing this wait for each other forever [kmap-pool-deadlock]
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
