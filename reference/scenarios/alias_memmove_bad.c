/*
 * kmap-alias-memmove, BAD: move_bytes() shifts a record one byte to the
 * right inside a page it maps twice, once as the destination and once as
 * the source (the shape of hfs_bnode_move() in fs/hfsplus). The two local
 * mappings have two addresses; memmove() compares them, sees no overlap
 * and copies forwards, and every byte of the record becomes the first one.
 */
#include <linux/highmem.h>
#include <linux/string.h>
#include <kmapref/scenario.h>

#define REC_LEN 64

static struct page *page;

static void move_bytes(struct page *dpage, unsigned int doff,
		       struct page *spage, unsigned int soff, unsigned int len)
{
	char *dst = kmap_local_page(dpage);
	char *src = kmap_local_page(spage);

	memmove(dst + doff, src + soff, len);
	kunmap_local(src);
	kunmap_local(dst);
}

static void setup(void)
{
	char rec[REC_LEN];
	int i;

	for (i = 0; i < REC_LEN; i++)
		rec[i] = (char)i;
	page = alloc_page(GFP_HIGHUSER);
	memcpy_to_page(page, 0, rec, REC_LEN);
}

static void task_insert(void)
{
	char rec[REC_LEN + 1];
	int i;

	move_bytes(page, 1, page, 0, REC_LEN);
	memcpy_from_page(rec, page, 0, REC_LEN + 1);
	for (i = 0; i < REC_LEN; i++)
		BUG_ON(rec[i + 1] != (char)i);
}

REF_SCENARIO(alias_memmove_bad, "kmap-alias-memmove", REF_BAD,
	     "memmove() between two local mappings of one page", "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_insert, 0) });
