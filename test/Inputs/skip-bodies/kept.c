#include <linux/highmem.h>
#include <helpers.h>

void through_helper(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[0];
	kunmap_local(same_addr(a));
	kunmap_local(b);
}

/* Without a body the unmap is not identified, and nothing is reported:
 * the finding above needs same_addr's body. */
void through_opaque(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[0];
	kunmap_local(opaque_addr(a));
	kunmap_local(b);
}
