/*
 * kmap-use-after-unmap, BAD: read_length() releases the local mapping and
 * then reads the header through it. On the model, as with
 * CONFIG_DEBUG_KMAP_LOCAL, the released address is no longer mapped: the
 * access faults and is reported.
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

	kunmap_local(hdr);
	if (magic != HDR_MAGIC)
		return 0;
	return hdr[1];
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

REF_SCENARIO(use_after_unmap_bad, "kmap-use-after-unmap", REF_BAD,
	     "a read through a local mapping after kunmap_local()",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_read, 0) });
