/*
 * kmap-local-escape, BAD: fill_record() publishes the address of its local
 * mapping in a global for a reader on another CPU and leaves it there when
 * it releases the mapping. A local mapping is an entry of the mapping
 * task's stack, installed in that CPU's slot only while the task holds it
 * (seed 001): once it is released, the reader's access through the
 * published address faults.
 */
#include <linux/highmem.h>
#include <linux/sched.h>
#include <kmapref/scenario.h>

static struct page *page;
static char *shared_rec;

static void fill_record(struct page *pg)
{
	char *rec = kmap_local_page(pg);

	rec[0] = 42;
	shared_rec = rec;
	kunmap_local(rec);
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
	shared_rec = NULL;
}

static void task_writer(void)
{
	fill_record(page);
}

static void task_reader(void)
{
	char *rec;

	cond_resched(); /* the writer may run first */
	rec = shared_rec;
	if (rec)
		BUG_ON(rec[0] != 42);
}

REF_SCENARIO(local_escape_bad, "kmap-local-escape", REF_BAD,
	     "a local mapping's address left in a global when it is released",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_writer, 0), REF_TASK(task_reader, 1) });
