/*
 * kmap-leak, BAD (seed 002): "page = alloc_page(); kmap(page);
 * __free_page(page) is a bug (it will leak kmap entries eventually)":
 * freeing a page does not release its pkmap entry, which then stays in use
 * for good.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static int scratch_fill(char c)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr;

	if (!page)
		return -ENOMEM;
	addr = kmap(page);
	memset(addr, c, 64);
	__free_page(page);
	return 0;
}

static void task_scratch(void)
{
	scratch_fill('x');
}

REF_SCENARIO(kmap_free_page_bad, "kmap-leak", REF_BAD,
	     "__free_page() of a page that is still kmap()ed",
	     "kmap-deprecated-api",
	     .tasks = { REF_TASK(task_scratch, 0) });
