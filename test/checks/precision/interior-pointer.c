// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
void interior(struct page *page, size_t off) {
	char *base = kmap_local_page(page);
	char *p = base + (off & (PAGE_SIZE - 1));
	*p = 0;
	kunmap_local(p);
}
void folio(struct folio *f, size_t off) {
	char *p = kmap_local_folio(f, off);
	*p = 0;
	kunmap_local(p);
}
