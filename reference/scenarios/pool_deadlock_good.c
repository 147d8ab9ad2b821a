/*
 * kmap-pool-deadlock, GOOD: pool_deadlock_bad.c converted to local
 * mappings, which never wait for the shared pool.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *pages[4];

static void copy_pages(struct page *to, struct page *from)
{
	char *vfrom = kmap_local_page(from);
	char *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vto);
	kunmap_local(vfrom);
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

REF_SCENARIO(pool_deadlock_good, "kmap-pool-deadlock", REF_GOOD,
	     "the same copies with kmap_local_page(): no pool involved",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_copy_a, 0), REF_TASK(task_copy_b, 1) },
	     .cfg = { .last_pkmap = 2 });
