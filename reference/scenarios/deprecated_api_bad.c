/*
 * kmap-deprecated-api, BAD: kmap_atomic()/kunmap_atomic() and
 * kmap()/kunmap() are deprecated in favour of kmap_local_page() and
 * kunmap_local(). The code is otherwise correct; the scenario asks the
 * model to report any call of a deprecated function.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;

static u32 checksum_page(struct page *pg)
{
	u32 *words = kmap_atomic(pg);
	u32 sum = 0;
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		sum += words[i];
	kunmap_atomic(words);
	return sum;
}

static void stamp_page(struct page *pg, u32 stamp)
{
	u32 *words = kmap(pg);

	words[0] = stamp;
	kunmap(pg);
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

REF_SCENARIO(deprecated_api_bad, "kmap-deprecated-api", REF_BAD,
	     "kmap_atomic()/kunmap_atomic() and kmap()/kunmap() called",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_checksum, 0) },
	     .cfg = { .report_deprecated = 1 });
