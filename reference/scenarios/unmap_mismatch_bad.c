/*
 * kmap-unmap-mismatch, BAD: fill_pattern() unmaps the end of the area it
 * filled, which is one past the mapped page, instead of the address
 * kmap_local_page() returned. Any address inside the mapped page would do;
 * one past it names no live mapping.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;

static void fill_pattern(struct page *pg, char c)
{
	char *kaddr = kmap_local_page(pg);
	char *end = kaddr + PAGE_SIZE;

	memset(kaddr, c, PAGE_SIZE);
	kunmap_local(end);
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_fill(void)
{
	fill_pattern(page, 0x5a);
}

REF_SCENARIO(unmap_mismatch_bad, "kmap-unmap-mismatch", REF_BAD,
	     "kunmap_local() of an address one past the mapped page",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_fill, 0) });
