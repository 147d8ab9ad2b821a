/*
 * kmap-unmap-mismatch, GOOD: the walk uses its own cursor and the unmap gets
 * the address kmap_local_page() returned; another unmap uses an interior
 * pointer, which is valid too.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;

static void fill_pattern(struct page *pg, char c)
{
	char *kaddr = kmap_local_page(pg);
	char *p = kaddr;

	while (p < kaddr + PAGE_SIZE)
		*p++ = c;
	kunmap_local(kaddr);
}

static char read_middle(struct page *pg)
{
	char *mid = (char *)kmap_local_page(pg) + PAGE_SIZE / 2;
	char c = *mid;

	kunmap_local(mid);
	return c;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_fill(void)
{
	fill_pattern(page, 0x5a);
	BUG_ON(read_middle(page) != 0x5a);
}

REF_SCENARIO(unmap_mismatch_good, "kmap-unmap-mismatch", REF_GOOD,
	     "kunmap_local() of the mapped address, and of an interior pointer",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_fill, 0) });
