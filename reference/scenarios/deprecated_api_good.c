/*
 * kmap-deprecated-api, GOOD: deprecated_api_bad.c converted to
 * kmap_local_page()/kunmap_local(). Nothing in the sections relies on
 * preemption or page faults being disabled, so nothing else is needed.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;

static u32 checksum_page(struct page *pg)
{
	u32 *words = kmap_local_page(pg);
	u32 sum = 0;
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		sum += words[i];
	kunmap_local(words);
	return sum;
}

static void stamp_page(struct page *pg, u32 stamp)
{
	u32 *words = kmap_local_page(pg);

	words[0] = stamp;
	kunmap_local(words);
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_checksum(void)
{
	stamp_page(page, 7);
	BUG_ON(checksum_page(page) != 7);
}

REF_SCENARIO(deprecated_api_good, "kmap-deprecated-api", REF_GOOD,
	     "the same code with kmap_local_page()/kunmap_local()",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_checksum, 0) },
	     .cfg = { .report_deprecated = 1 });
