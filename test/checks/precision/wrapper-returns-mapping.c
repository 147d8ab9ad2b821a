// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
static void *map_it(struct page *p) { return kmap_local_page(p); }
static void unmap_it(void *a) { kunmap_local(a); }
void user(struct page *p, struct page *q) {
	char *a = map_it(p);
	char *b = map_it(q);
	b[0] = a[0];
	unmap_it(b);
	unmap_it(a);
}
struct holder { void *addr; };
void store_out(struct page *p, struct holder *h) { h->addr = kmap(p); }
