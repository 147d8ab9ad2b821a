/*
 * kmap-pool-deadlock, BAD (seed 002): kmap() takes an entry of a shared
 * pool and sleeps when the pool is empty. copy_pages() holds one kmap()
 * while it asks for a second. With a pool of two entries, two tasks that
 * each got their first entry both sleep for a second one forever.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *pages[4];

static void copy_pages(struct page *to, struct page *from)
{
	char *vfrom = kmap(from);
	char *vto = kmap(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap(to);
	kunmap(from);
}

static void setup(void)
{
	int i;

	for (i = 0; i < 4; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
}

static void task_copy_a(void)
{
	copy_pages(pages[1], pages[0]);
}

static void task_copy_b(void)
{
	copy_pages(pages[3], pages[2]);
}

REF_SCENARIO(pool_deadlock_bad, "kmap-pool-deadlock", REF_BAD,
	     "two tasks each hold a kmap() and wait for another, pool of two entries",
	     "kmap-deprecated-api",
	     .setup = setup,
	     .tasks = { REF_TASK(task_copy_a, 0), REF_TASK(task_copy_b, 1) },
	     .cfg = { .last_pkmap = 2 });
