#include <linux/highmem.h>
#include <events.h>

static int count_items(int n) { return n + 1; }

void swap_order(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[count_items(0)];
	kunmap_local(a);
	kunmap_local(b);
}
