// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
int use(char *a);
int correlated(struct page *p, int hi) {
	char *a = NULL;
	int r = 0;
	if (hi)
		a = kmap_local_page(p);
	r = hi ? use(a) : 0;
	if (hi)
		kunmap_local(a);
	return r;
}
