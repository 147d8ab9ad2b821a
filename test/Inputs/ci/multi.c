/* Several findings of several checks, for the CI formats' tests. */
#include <linux/highmem.h>

int leak(struct page *page, int err)
{
	char *a = kmap_local_page(page);

	if (err)
		return -1;
	kunmap_local(a);
	return 0;
}

void old(struct page *page)
{
	char *x = kmap(page);

	x[0] = 1;
	kunmap(page);
}

void order(struct page *p, struct page *q)
{
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);

	a[0] = b[0];
	kunmap_local(a);
	kunmap_local(b);
}
