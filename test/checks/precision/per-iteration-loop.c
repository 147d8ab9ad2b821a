// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
void zero_pages(struct page **pages, int n) {
	int i;
	for (i = 0; i < n; i++) {
		char *a = kmap_local_page(pages[i]);
		memset(a, 0, PAGE_SIZE);
		kunmap_local(a);
	}
}
void zero_atomic(struct page **pages, int n) {
	int i;
	for (i = 0; i < n; i++) {
		char *a = kmap_atomic(pages[i]);
		a[0] = 0;
		kunmap_atomic(a);
	}
}
