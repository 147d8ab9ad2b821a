/*
 * kmap-local-order, GOOD: nested local mappings released in reverse order,
 * by two tasks that share one CPU and are preempted while their mappings are
 * live (seed 001: a context switch removes the old task's local mappings and
 * installs the new task's, without touching either kmap_ctrl.idx). Each
 * task checks, after being switched back in, that its addresses still show
 * its own pages.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

static struct page *pages[4];

static void copy_and_check(struct page *to, struct page *from, char mark)
{
	char *vfrom = kmap_local_page(from);
	char *vto = kmap_local_page(to);
	bool ok;

	vfrom[0] = mark;
	cond_resched();		/* another task may run on this CPU */
	memcpy(vto, vfrom, 64);
	cond_resched();
	ok = vto[0] == mark && vfrom[0] == mark;
	kunmap_local(vto);
	kunmap_local(vfrom);
	BUG_ON(!ok);
}

static void setup(void)
{
	int i;

	for (i = 0; i < 4; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
}

static void task_copy_a(void)
{
	copy_and_check(pages[1], pages[0], 'a');
}

static void task_copy_b(void)
{
	copy_and_check(pages[3], pages[2], 'b');
}

REF_SCENARIO(local_order_good, "kmap-local-order", REF_GOOD,
	     "nested local mappings released in reverse order, preempted on a shared CPU",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_copy_a, 0), REF_TASK(task_copy_b, 0) });
