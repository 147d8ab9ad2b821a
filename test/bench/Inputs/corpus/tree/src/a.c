/* A fake kernel file for the corpus runner's tests (kernel style: the
 * body's braces in column 0). */
#include <linux/highmem.h>

int copy_it(char *dst);

int leak_hit(struct page *page)
{
	char *a = kmap_local_page(page);

	if (copy_it(a) < 0)
		return -14;
	kunmap_local(a);
	return 0;
}

void order_miss(struct page *p, struct page *q)
{
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);

	a[0] = b[0];
	kunmap_local(b);
	kunmap_local(a);
}

int ok_fn(struct page *page)
{
	char *a = kmap(page);
	int r = copy_it(a);

	kunmap(page);
	return r;
}

int fp_fn(struct page *page, int x)
{
	char *a = kmap_local_page(page);

	if (x)
		return copy_it(a);
	kunmap_local(a);
	return 0;
}

int out_of_scope_fn(struct page *page)
{
	char *a = kmap_local_page(page);

	return copy_it(a);
}

static void helper_sleeps(struct page *p)
{
	char *b = kmap(p);

	b[0] = 0;
	kunmap(p);
}

int via_fn(struct page *page)
{
	char *a = kmap_atomic(page);

	helper_sleeps(page);
	a[0] = 1;
	kunmap_atomic(a);
	return 0;
}
