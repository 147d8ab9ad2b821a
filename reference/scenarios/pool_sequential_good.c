/*
 * kmap-pool-deadlock, GOOD: three tasks share a pool of two entries but
 * never hold more than one kmap() at a time. A task that finds the pool
 * empty sleeps until kunmap() releases an entry, and always gets one.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *pages[3];

static void stamp(struct page *page, char c)
{
	char *addr = kmap(page);

	addr[0] = c;
	kunmap(page);
}

static void setup(void)
{
	int i;

	for (i = 0; i < 3; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
}

static void task_stamp_a(void)
{
	stamp(pages[0], 'a');
	stamp(pages[1], 'a');
}

static void task_stamp_b(void)
{
	stamp(pages[1], 'b');
	stamp(pages[2], 'b');
}

static void task_stamp_c(void)
{
	stamp(pages[2], 'c');
	stamp(pages[0], 'c');
}

REF_SCENARIO(pool_sequential_good, "kmap-pool-deadlock", REF_GOOD,
	     "three tasks, pool of two entries, one kmap() at a time per task",
	     "kmap-deprecated-api",
	     .setup = setup,
	     .tasks = { REF_TASK(task_stamp_a, 0), REF_TASK(task_stamp_b, 1),
			REF_TASK(task_stamp_c, 2) },
	     .cfg = { .last_pkmap = 2 });
