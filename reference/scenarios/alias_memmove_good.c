/*
 * kmap-alias-memmove, GOOD: move_bytes() maps the page once when source
 * and destination are the same page, so memmove() sees the overlap and
 * copies backwards; distinct pages cannot overlap and take memcpy().
 */
#include <linux/highmem.h>
#include <linux/string.h>
#include <kmapref/scenario.h>

#define REC_LEN 64

static struct page *page;

static void move_bytes(struct page *dpage, unsigned int doff,
		       struct page *spage, unsigned int soff, unsigned int len)
{
	char *dst, *src;

	if (dpage == spage) {
		dst = kmap_local_page(dpage);
		memmove(dst + doff, dst + soff, len);
		kunmap_local(dst);
		return;
	}
	dst = kmap_local_page(dpage);
	src = kmap_local_page(spage);
	memcpy(dst + doff, src + soff, len);
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

REF_SCENARIO(alias_memmove_good, "kmap-alias-memmove", REF_GOOD,
	     "one mapping serves both sides of memmove() when the pages are one",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_insert, 0) });
