/*
 * Scenarios used only by the unit tests: scheduler properties (deadlock
 * detection, preemption bounds) and model invariants (kmap storms, the
 * flush variants of the model's own kmap_high(), IPIs, context switches,
 * interrupts).
 */
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <asm/tlbflush.h>
#include <kmapref/scenario.h>

/* ---- ABBA: needs one preemption to deadlock ---- */

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

static void abba_ab(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
}

static void abba_ba(void)
{
	spin_lock(&lock_b);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
}

REF_SCENARIO(t_abba, "test", REF_BAD, "ABBA spinlock deadlock", "",
	     .tasks = { REF_TASK(abba_ab, 0), REF_TASK(abba_ba, 1) });

/* ---- A lost update: a read and a write in two critical sections ---- */

static DEFINE_SPINLOCK(counter_lock);
static int counter;

static void counter_setup(void)
{
	counter = 0;
}

static void counter_inc(void)
{
	int v;

	spin_lock(&counter_lock);
	v = counter;
	spin_unlock(&counter_lock);
	spin_lock(&counter_lock);
	counter = v + 1;
	spin_unlock(&counter_lock);
}

static void counter_check(void)
{
	BUG_ON(counter != 2);
}

REF_SCENARIO(t_lost_update, "test", REF_BAD,
	     "increment split over two critical sections", "",
	     .setup = counter_setup, .finish = counter_check,
	     .tasks = { REF_TASK(counter_inc, 0), REF_TASK(counter_inc, 1) });

/* ---- kmap() storms: correct use, small pools ---- */

static struct page *storm_pages[6];

static void storm_setup(void)
{
	int i;

	for (i = 0; i < 6; i++)
		storm_pages[i] = alloc_page(GFP_HIGHUSER);
}

/* Write our byte through the mapping and read it back after a yield. */
static void storm_touch(struct page *page, int me)
{
	char *addr = kmap(page);

	addr[me] = (char)('a' + me);
	cond_resched();
	BUG_ON(addr[me] != (char)('a' + me));
	BUG_ON(page_address(page) != addr);
	kunmap(page);
}

static void storm_0(void)
{
	storm_touch(storm_pages[0], 0);
	storm_touch(storm_pages[1], 0);
}

static void storm_1(void)
{
	storm_touch(storm_pages[1], 1);
	storm_touch(storm_pages[2], 1);
}

static void storm_2(void)
{
	storm_touch(storm_pages[2], 2);
	storm_touch(storm_pages[0], 2);
}

REF_SCENARIO(t_storm_pool2, "test", REF_GOOD,
	     "three tasks, one kmap() at a time, shared pages, pool of 2", "",
	     .setup = storm_setup,
	     .tasks = { REF_TASK(storm_0, 0), REF_TASK(storm_1, 1),
			REF_TASK(storm_2, 2) },
	     .cfg = { .last_pkmap = 2 });

/* Two nested kmap()s per task, a local mapping inside: 3 tasks, 4 entries. */
static void storm_nested(int me, struct page *a, struct page *b,
			 struct page *local)
{
	char *va = kmap(a);
	char *vb = kmap(b);
	char *vl = kmap_local_page(local);

	va[me] = vb[me] = (char)('A' + me);
	vl[me] = va[me];
	cond_resched();
	BUG_ON(va[me] != vb[me] || vl[me] != va[me]);
	kunmap_local(vl);
	kunmap(b);
	kunmap(a);
}

static void nested_0(void)
{
	storm_nested(0, storm_pages[0], storm_pages[1], storm_pages[3]);
}

static void nested_1(void)
{
	storm_nested(1, storm_pages[1], storm_pages[2], storm_pages[4]);
}

static void nested_2(void)
{
	storm_nested(2, storm_pages[2], storm_pages[5], storm_pages[3]);
}

REF_SCENARIO(t_storm_pool4, "test", REF_GOOD,
	     "three tasks, two nested kmap()s and a local mapping each, pool of 4",
	     "",
	     .setup = storm_setup,
	     .tasks = { REF_TASK(nested_0, 0), REF_TASK(nested_1, 1),
			REF_TASK(nested_2, 2) },
	     .cfg = { .last_pkmap = 4 });

/* ---- The model's own kmap_high() in the seed-000 configurations ---- */

static struct page *flush_old, *flush_shared;

static void flush_setup(void)
{
	flush_old = alloc_page(GFP_HIGHUSER);
	flush_shared = alloc_page(GFP_HIGHUSER);
	/* One entry mapped but unused: the next wrap-around flushes. */
	kmap(flush_old);
	kunmap(flush_old);
}

static void flush_user(void)
{
	char *addr = kmap(flush_shared);

	addr[0]++;
	kunmap(flush_shared);
}

REF_SCENARIO(t_model_flush_locked_irq, "test", REF_BAD,
	     "model kmap(): flush with kmap_lock held, lock taken with IRQs off",
	     "", .setup = flush_setup,
	     .tasks = { REF_TASK(flush_user, 0), REF_TASK(flush_user, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = 1,
		      .flush_variant = REF_FLUSH_LOCKED });

REF_SCENARIO(t_model_flush_locked, "test", REF_GOOD,
	     "model kmap(): flush with kmap_lock held, lock taken with IRQs on",
	     "", .setup = flush_setup,
	     .tasks = { REF_TASK(flush_user, 0), REF_TASK(flush_user, 1) },
	     .cfg = { .last_pkmap = 2, .flush_variant = REF_FLUSH_LOCKED });

REF_SCENARIO(t_model_flush_unlocked, "test", REF_BAD,
	     "model kmap(): the 2024 patch (kmap_lock dropped around the flush)",
	     "", .setup = flush_setup,
	     .tasks = { REF_TASK(flush_user, 0), REF_TASK(flush_user, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = 1,
		      .flush_variant = REF_FLUSH_UNLOCKED });

REF_SCENARIO(t_model_flush_recheck, "test", REF_GOOD,
	     "model kmap(): the 2024 patch with a page_address() re-check",
	     "", .setup = flush_setup,
	     .tasks = { REF_TASK(flush_user, 0), REF_TASK(flush_user, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = 1,
		      .flush_variant = REF_FLUSH_UNLOCKED_RECHECK });

/* ---- IPIs that arrive while IRQs are off are taken when they come on ---- */

static DEFINE_SPINLOCK(irq_lock);

static void ipi_flusher(void)
{
	flush_tlb_all();
}

static void ipi_irq_section(void)
{
	unsigned long flags;

	spin_lock_irqsave(&irq_lock, flags);
	spin_unlock_irqrestore(&irq_lock, flags);
	/* spin_lock() yields with IRQs off: the IPI may arrive then. */
	local_irq_disable();
	spin_lock(&irq_lock);
	spin_unlock(&irq_lock);
	local_irq_enable();
}

REF_SCENARIO(t_ipi_delayed, "test", REF_GOOD,
	     "an IPI that finds IRQs off is acknowledged when they are turned on",
	     "", .tasks = { REF_TASK(ipi_flusher, 0), REF_TASK(ipi_irq_section, 1) });

/* Both CPUs flush with IRQs off: each waits for the other. */
static void ipi_flush_irqs_off(void)
{
	local_irq_disable();
	flush_tlb_all();
	local_irq_enable();
}

REF_SCENARIO(t_ipi_cross, "test", REF_BAD,
	     "two CPUs flush with IRQs off", "",
	     .tasks = { REF_TASK(ipi_flush_irqs_off, 0),
			REF_TASK(ipi_flush_irqs_off, 1) });

/* ---- Local mappings across context switches on one CPU (seed 001) ---- */

static struct page *switch_pages[4];

static void switch_setup(void)
{
	int i;

	for (i = 0; i < 4; i++)
		switch_pages[i] = alloc_page(GFP_HIGHUSER);
}

static void switch_user(int me)
{
	char *a = kmap_local_page(switch_pages[2 * me]);
	char *b = kmap_local_page(switch_pages[2 * me + 1]);

	a[0] = (char)('a' + me);
	b[0] = (char)('A' + me);
	cond_resched();
	BUG_ON(current->kmap_ctrl.idx != 2);
	BUG_ON(a[0] != (char)('a' + me) || b[0] != (char)('A' + me));
	kunmap_local(b);
	cond_resched();
	BUG_ON(a[0] != (char)('a' + me));
	kunmap_local(a);
}

static void switch_0(void)
{
	switch_user(0);
}

static void switch_1(void)
{
	switch_user(1);
}

static void switch_2(void)
{
	char *a = kmap_local_page(switch_pages[0]);

	cond_resched();
	kunmap_local(a);
}

REF_SCENARIO(t_switch, "test", REF_GOOD,
	     "tasks on one CPU keep their local mappings across switches", "",
	     .setup = switch_setup,
	     .tasks = { REF_TASK(switch_0, 0), REF_TASK(switch_1, 0),
			REF_TASK(switch_2, 0) });

/* ---- Single failures of the model ---- */

static struct page *one_page;

static void one_setup(void)
{
	one_page = alloc_page(GFP_HIGHUSER);
}

static void double_kunmap(void)
{
	kmap(one_page);
	kunmap(one_page);
	kunmap(one_page);
}

REF_SCENARIO(t_double_kunmap, "test", REF_BAD, "kunmap() twice", "",
	     .setup = one_setup, .tasks = { REF_TASK(double_kunmap, 0) });

static void wrong_family(void)
{
	char *addr = kmap_atomic(one_page);

	addr[0] = 1;
	kunmap_local(addr);
}

REF_SCENARIO(t_wrong_family, "test", REF_BAD,
	     "kmap_atomic() released with kunmap_local()", "",
	     .setup = one_setup, .tasks = { REF_TASK(wrong_family, 0) });

static void kmap_use_after_kunmap(void)
{
	char *addr = kmap(one_page);

	kunmap(one_page);
	addr[0] = 1;
}

REF_SCENARIO(t_kmap_use_after_kunmap, "test", REF_BAD,
	     "a write through a kmap() address after kunmap()", "",
	     .setup = one_setup, .tasks = { REF_TASK(kmap_use_after_kunmap, 0) });

static DEFINE_MUTEX(some_mutex);

static void mutex_in_atomic(void)
{
	preempt_disable();
	mutex_lock(&some_mutex);
	mutex_unlock(&some_mutex);
	preempt_enable();
}

REF_SCENARIO(t_mutex_in_atomic, "test", REF_BAD,
	     "mutex_lock() with preemption disabled", "",
	     .tasks = { REF_TASK(mutex_in_atomic, 0) });

static void spin_forever(void)
{
	for (;;)
		cond_resched();
}

REF_SCENARIO(t_livelock, "test", REF_BAD, "a task that never returns", "",
	     .tasks = { REF_TASK(spin_forever, 0) },
	     .cfg = { .max_steps = 100 });

/* ---- Interrupts: on whatever task is current, only with IRQs on ---- */

static struct page *irq_pages[2];
static struct task_struct *irq_saw;	/* current, seen by the handler */
static int irq_saw_depth;		/* entries it added to current */
static int irq_fired;
static int irqs_off_section;		/* the task is between irq off/on */

static void irq_setup(void)
{
	irq_pages[0] = alloc_page(GFP_HIGHUSER);
	irq_pages[1] = alloc_page(GFP_HIGHUSER);
	irq_saw = NULL;
	irq_saw_depth = 0;
	irq_fired = 0;
	irqs_off_section = 0;
}

static void irq_task(void)
{
	char *a = kmap_local_page(irq_pages[0]);

	a[0] = 't';
	local_irq_disable();
	irqs_off_section = 1;
	spin_lock(&counter_lock);	/* synchronisation points, IRQs off */
	spin_unlock(&counter_lock);
	irqs_off_section = 0;
	local_irq_enable();
	BUG_ON(a[0] != 't');
	kunmap_local(a);
}

/* Maps at the entry after the interrupted task's live ones. */
static void irq_map(void)
{
	int before = current->kmap_ctrl.idx;
	char *p = kmap_local_page(irq_pages[1]);

	BUG_ON(irqs_off_section);
	irq_saw = current;
	irq_saw_depth = current->kmap_ctrl.idx - before;
	p[0] = 'i';
	kunmap_local(p);
	irq_fired++;
}

static void irq_check(void)
{
	BUG_ON(irq_fired > 1);
	BUG_ON(irq_fired && irq_saw != ref_task(0));
	BUG_ON(irq_fired && irq_saw_depth != 1);
}

REF_SCENARIO(t_irq_on_current, "test", REF_GOOD,
	     "an interrupt maps on the current task's next entry, never with IRQs off",
	     "",
	     .setup = irq_setup, .finish = irq_check,
	     .tasks = { REF_TASK(irq_task, 0), REF_IRQ(irq_map, 0) });

static void irq_finish_fired(void)
{
	BUG_ON(!irq_fired);
}

REF_SCENARIO(t_irq_fires, "test", REF_BAD,
	     "fails in every schedule where the interrupt did not come", "",
	     .setup = irq_setup, .finish = irq_finish_fired,
	     .tasks = { REF_TASK(irq_task, 0), REF_IRQ(irq_map, 0) });

static void irq_leaky(void)
{
	kmap_local_page(irq_pages[1]);
}

REF_SCENARIO(t_irq_leak, "test", REF_BAD,
	     "an interrupt that keeps a local mapping", "",
	     .setup = irq_setup,
	     .tasks = { REF_TASK(irq_task, 0), REF_IRQ(irq_leaky, 0) });

/* ---- Lookup for the C++ tests ---- */

static const struct ref_scenario_def *const test_table[] = {
	&ref_scenario__t_abba,
	&ref_scenario__t_lost_update,
	&ref_scenario__t_storm_pool2,
	&ref_scenario__t_storm_pool4,
	&ref_scenario__t_model_flush_locked_irq,
	&ref_scenario__t_model_flush_locked,
	&ref_scenario__t_model_flush_unlocked,
	&ref_scenario__t_model_flush_recheck,
	&ref_scenario__t_ipi_delayed,
	&ref_scenario__t_ipi_cross,
	&ref_scenario__t_switch,
	&ref_scenario__t_double_kunmap,
	&ref_scenario__t_wrong_family,
	&ref_scenario__t_kmap_use_after_kunmap,
	&ref_scenario__t_mutex_in_atomic,
	&ref_scenario__t_livelock,
	&ref_scenario__t_irq_on_current,
	&ref_scenario__t_irq_fires,
	&ref_scenario__t_irq_leak,
};

const struct kmapref_scenario *test_scenario(const char *name);

const struct kmapref_scenario *test_scenario(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(test_table); i++)
		if (!__builtin_strcmp(test_table[i]->pub.name, name))
			return &test_table[i]->pub;
	return NULL;
}

