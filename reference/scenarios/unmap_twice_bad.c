/*
 * kmap-unmap-mismatch, BAD: check_header() releases its local mapping on
 * the error path and then again on the common exit: a double unmap.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

#define HDR_MAGIC 'x'

static struct page *page;

static int check_header(struct page *pg)
{
	char *kaddr = kmap_local_page(pg);
	int err = 0;

	if (kaddr[0] != HDR_MAGIC) {
		kunmap_local(kaddr);
		err = -EINVAL;
	}
	kunmap_local(kaddr);
	return err;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_check(void)
{
	if (check_header(page))
		memzero_page(page, 0, 1);
}

REF_SCENARIO(unmap_twice_bad, "kmap-unmap-mismatch", REF_BAD,
	     "kunmap_local() twice on an error path",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_check, 0) });
