#include <linux/highmem.h>
#include <helpers.h>

void through_paste(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[0];
	kunmap_local(THROUGH(pasted, _addr, a));
	kunmap_local(b);
}
