/*
 * kmap-local-escape, GOOD: fill_record() publishes the page, not the
 * address of its local mapping; the reader maps the page itself, in its own
 * task.
 */
#include <linux/highmem.h>
#include <linux/sched.h>
#include <kmapref/scenario.h>

static struct page *page;
static struct page *shared_page;

static void fill_record(struct page *pg)
{
	char *rec = kmap_local_page(pg);

	rec[0] = 42;
	kunmap_local(rec);
	shared_page = pg;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
	shared_page = NULL;
}

static void task_writer(void)
{
	fill_record(page);
}

static void task_reader(void)
{
	struct page *pg;
	char *rec;

	cond_resched(); /* the writer may run first */
	pg = shared_page;
	if (!pg)
		return;
	rec = kmap_local_page(pg);
	BUG_ON(rec[0] != 42);
	kunmap_local(rec);
}

REF_SCENARIO(local_escape_good, "kmap-local-escape", REF_GOOD,
	     "the page is published and each task maps it itself", "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_writer, 0), REF_TASK(task_reader, 1) });
