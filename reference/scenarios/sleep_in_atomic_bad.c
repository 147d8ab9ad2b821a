/*
 * kmap-sleep-in-atomic, BAD: kmap() may sleep (waiting for a free pool
 * entry), and update_cache() calls it with a spinlock held.
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
	addr = kmap(pg);
	memcpy(addr, buf, len);
	kunmap(pg);
	spin_unlock(&cache_lock);
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_update(void)
{
	update_cache(page, data, sizeof(data));
}

REF_SCENARIO(sleep_in_atomic_bad, "kmap-sleep-in-atomic", REF_BAD,
	     "kmap() under a spinlock",
	     "kmap-deprecated-api",
	     .setup = setup,
	     .tasks = { REF_TASK(task_update, 0) });
