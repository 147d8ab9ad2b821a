// Two mutually recursive static functions that each map and unmap the same
// page, called from one entry point: which mapping kunmap(page) releases must
// not depend on where the allocator put the analyzer's symbols.
#include <linux/highmem.h>
static int mb(struct page *p, int n);
static int ma(struct page *p, int n)
{
	char *a = kmap(p);
	int r = a[0];
	if (n > 0)
		r += mb(p, n - 1);
	kunmap(p);
	return r;
}
static int mb(struct page *p, int n)
{
	char *b = kmap(p);
	int r = b[1];
	if (n > 0)
		r += ma(p, n - 1);
	kunmap(p);
	return r;
}
int entry(struct page *p, int n)
{
	return ma(p, n);
}
