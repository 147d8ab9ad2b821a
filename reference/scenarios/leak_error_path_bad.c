/*
 * kmap-leak, BAD: copy_record() returns early on a bad offset without
 * releasing its local mapping. The task returns with a live local mapping.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *page;
static char record[128];

static int copy_record(struct page *pg, size_t off, char *out, size_t len)
{
	char *kaddr = kmap_local_page(pg);

	if (off + len > PAGE_SIZE)
		return -EINVAL;
	memcpy(out, kaddr + off, len);
	kunmap_local(kaddr);
	return 0;
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

REF_SCENARIO(leak_error_path_bad, "kmap-leak", REF_BAD,
	     "an error path returns without kunmap_local()",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_read_records, 0) });
