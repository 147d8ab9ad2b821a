/*
 * kmap-sleep-in-atomic, GOOD: a local mapping never sleeps, so it may be
 * taken under a spinlock.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <kmapref/scenario.h>

static DEFINE_SPINLOCK(cache_lock);
static struct page *page;
static const char data[] = "cached";

static void update_cache(struct page *pg, const char *buf, size_t len)
{
	char *addr;

	spin_lock(&cache_lock);
	addr = kmap_local_page(pg);
	memcpy(addr, buf, len);
	kunmap_local(addr);
	spin_unlock(&cache_lock);
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_update_a(void)
{
	update_cache(page, data, sizeof(data));
}

static void task_update_b(void)
{
	update_cache(page, data, sizeof(data));
}

REF_SCENARIO(sleep_in_atomic_good, "kmap-sleep-in-atomic", REF_GOOD,
	     "kmap_local_page() under a spinlock",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_update_a, 0), REF_TASK(task_update_b, 1) });
