/*
 * kmap-stack-depth, GOOD: the same 17 pages, one local mapping at a time
 * (mapped and released in each iteration).
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

#define NR_PAGES 17

static struct page *pages[NR_PAGES];

static int sum_first_bytes(void)
{
	int sum = 0;
	int i;

	for (i = 0; i < NR_PAGES; i++) {
		char *addr = kmap_local_page(pages[i]);

		sum += addr[0];
		kunmap_local(addr);
	}
	return sum;
}

static void setup(void)
{
	int i;

	for (i = 0; i < NR_PAGES; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
}

static void task_sum(void)
{
	BUG_ON(sum_first_bytes() != 0);
}

REF_SCENARIO(stack_depth_good, "kmap-stack-depth", REF_GOOD,
	     "17 pages mapped one at a time",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_sum, 0) });
