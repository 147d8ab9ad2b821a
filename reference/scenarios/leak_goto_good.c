/*
 * kmap-leak, GOOD: the error path of leak_error_path_bad.c unwinds through
 * a label that releases the mapping.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;
static char record[128];

static int copy_record(struct page *pg, size_t off, char *out, size_t len)
{
	char *kaddr = kmap_local_page(pg);
	int err = 0;

	if (off + len > PAGE_SIZE) {
		err = -EINVAL;
		goto out;
	}
	memcpy(out, kaddr + off, len);
out:
	kunmap_local(kaddr);
	return err;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_read_records(void)
{
	int err;

	err = copy_record(page, 0, record, sizeof(record));
	if (!err)
		err = copy_record(page, PAGE_SIZE - 16, record,
				  sizeof(record));
	(void)err;
}

REF_SCENARIO(leak_goto_good, "kmap-leak", REF_GOOD,
	     "the error path unwinds through a label that unmaps",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_read_records, 0) });
