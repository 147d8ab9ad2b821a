/*
 * Context switch of local mappings, in the two designs of the 2020 review
 * of preemptible kmap_local (written for kmapcheck; not kernel code), with
 * a workload that shows the difference. Included by
 * scenarios/local_switch_irq_{bad,good}.c; KMAP_LOCAL_SPLIT_SWITCH selects
 * the design.
 *
 * Each task keeps its local mappings in current->kmap_ctrl (idx live
 * entries, entry i in this CPU's slot i). A switch must take prev's entries
 * out of the slots and put next's in; `current` changes in __switch_to().
 * An interrupt may come at any point and takes a local mapping of its own:
 * it uses current->kmap_ctrl.idx, i.e. the slot after current's last entry.
 *
 * - Single step (the RFC, KMAP_LOCAL_SPLIT_SWITCH undefined):
 *   kmap_switch_temporary() unmaps prev's entries and maps next's, and only
 *   then does `current` change. An interrupt in the "restore next's
 *   entries" phase still sees prev as current: when next has the deeper
 *   stack, its kmap_local_page() lands on a slot that already holds one of
 *   next's restored entries, overwrites it and, on kunmap_local(), clears it
 *   (next loses the entry).
 * - Split (what was merged, KMAP_LOCAL_SPLIT_SWITCH defined): prev's
 *   entries are unmapped in prepare_switch() while prev is current, next's
 *   mapped in finish_switch() once next is current; neither touches any
 *   kmap_ctrl.idx. An interrupt in between uses the slot after current's
 *   entries, which holds nothing at that moment, in either phase.
 *
 * The workload: one CPU, the coroutine task runs as task A and task B in
 * turn (B a task switched out with two live local mappings, A taking one),
 * and one interrupt on that CPU.
 */
#include <linux/highmem.h>
#include <linux/sched.h>
#include <kmapref/scenario.h>

#ifdef KMAP_LOCAL_SPLIT_SWITCH

static void prepare_switch(struct task_struct *prev)
{
	int i;

	for (i = prev->kmap_ctrl.idx - 1; i >= 0; i--)
		kmap_local_pte_clear(i);
}

static void finish_switch(struct task_struct *next)
{
	int i;

	for (i = 0; i < next->kmap_ctrl.idx; i++)
		kmap_local_pte_set(i, next->kmap_ctrl.pteval[i]);
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	prepare_switch(prev);
	__switch_to(prev, next);
	finish_switch(next);
}

#else /* the single-step switch of the RFC */

static void kmap_switch_temporary(struct task_struct *prev,
				  struct task_struct *next)
{
	int i;

	for (i = prev->kmap_ctrl.idx - 1; i >= 0; i--)
		kmap_local_pte_clear(i);
	for (i = 0; i < next->kmap_ctrl.idx; i++)
		kmap_local_pte_set(i, next->kmap_ctrl.pteval[i]);
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	kmap_switch_temporary(prev, next);
	__switch_to(prev, next);
}

#endif

static struct page *pages[4];	/* B's two, A's one, the interrupt's one */
static struct task_struct task_b;
static char *b_addr[2];		/* B's live local mappings */

/*
 * B ran before the tasks start: it took two local mappings, marked its pages
 * through them and was switched out (its entries left the CPU's slots, its
 * kmap_ctrl.idx stayed 2).
 */
static void setup(void)
{
	struct task_struct *self = current;
	int i;

	for (i = 0; i < 4; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
	memset(&task_b, 0, sizeof(task_b));
	task_b.comm = "task_b";
	context_switch(self, &task_b);
	for (i = 0; i < 2; i++) {
		b_addr[i] = kmap_local_page(pages[i]);
		b_addr[i][0] = (char)('0' + i);
	}
	context_switch(&task_b, self);
}

/* A maps one page, B runs (its marks must still be there), A goes on. */
static void task_a(void)
{
	struct task_struct *self = current;
	char *a = kmap_local_page(pages[2]);

	a[0] = 'a';
	context_switch(self, &task_b);
	BUG_ON(b_addr[0][0] != '0' || b_addr[1][0] != '1');
	context_switch(&task_b, self);
	BUG_ON(a[0] != 'a');
	kunmap_local(a);
}

/* Whatever task is current: one local mapping, released before returning. */
static void irq_handler(void)
{
	char *p = kmap_local_page(pages[3]);

	p[0] = 'i';
	kunmap_local(p);
}
