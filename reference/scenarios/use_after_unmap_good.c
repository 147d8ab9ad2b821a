/*
 * kmap-use-after-unmap, GOOD: every field is read before kunmap_local().
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

#define HDR_MAGIC 0x6b6d6170u

static struct page *page;
static u32 length;

static u32 read_length(struct page *pg)
{
	u32 *hdr = kmap_local_page(pg);
	u32 magic = hdr[0];
	u32 len = hdr[1];

	kunmap_local(hdr);
	if (magic != HDR_MAGIC)
		return 0;
	return len;
}

static void setup(void)
{
	u32 hdr[2] = { HDR_MAGIC, 42 };

	page = alloc_page(GFP_HIGHUSER);
	memcpy_to_page(page, 0, (const char *)hdr, sizeof(hdr));
	length = 0;
}

static void task_read(void)
{
	length = read_length(page);
	BUG_ON(length != 42);
}

REF_SCENARIO(use_after_unmap_good, "kmap-use-after-unmap", REF_GOOD,
	     "every read through the mapping happens before kunmap_local()",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_read, 0) });
