/*
 * The pool scenarios (flush_deadlock_*, lock_drop_*): the pool code
 * mm/highmem.c in the configuration the including scenario defines (its
 * functions named sc_kmap_high() ...), and the workload. Written for
 * kmapcheck.
 *
 * The setup leaves one pkmap entry mapped but unused, so the next
 * map_new_virtual() that wraps around flushes it. Then task_map_new (cpu0)
 * and task_map_other (cpu1) each map a page and write through the mapping:
 * different pages, or the same page when PKMAP_SAME_PAGE is defined (it must
 * end up at one address).
 */
#define PKMAP(name) sc_##name
#include "../../mm/highmem.c"
#include <kmapref/scenario.h>

static struct page *old_page;
static struct page *new_page;
static struct page *other_page;

static void setup(void)
{
	old_page = alloc_page(GFP_HIGHUSER);
	new_page = alloc_page(GFP_HIGHUSER);
#ifdef PKMAP_SAME_PAGE
	other_page = new_page;
#else
	other_page = alloc_page(GFP_HIGHUSER);
#endif
	/* Leave one entry mapped but unused: the next wrap flushes it. */
	sc_kmap_high(old_page);
	sc_kunmap_high(old_page);
}

static void task_map_new(void)
{
	char *addr = sc_kmap_high(new_page);

	addr[0] = 'n';
	sc_kunmap_high(new_page);
}

static void task_map_other(void)
{
	char *addr = sc_kmap_high(other_page);

	addr[1] = 'o';
	sc_kunmap_high(other_page);
}
