/*
 * kmap-local-order, BAD: local mappings form a stack; they must be released
 * in the reverse order of mapping. copy_page_contents() releases the source
 * mapping while the destination mapping, taken after it, is still live. The
 * model's CONFIG_DEBUG_KMAP_LOCAL check reports the stack misuse.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *src;
static struct page *dst;

static void copy_page_contents(struct page *to, struct page *from)
{
	char *vfrom = kmap_local_page(from);
	char *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vfrom);
	kunmap_local(vto);
}

static void setup(void)
{
	src = alloc_page(GFP_HIGHUSER);
	dst = alloc_page(GFP_HIGHUSER);
}

static void task_copy(void)
{
	copy_page_contents(dst, src);
}

REF_SCENARIO(local_order_bad, "kmap-local-order", REF_BAD,
	     "kunmap_local() of the older of two live local mappings",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_copy, 0) });
