/*
 * ipi-under-irq-lock, GOOD: the same pool code (mm/highmem.c) as
 * flush_deadlock_bad.c, on a configuration that takes kmap_lock with IRQs on
 * (no ARCH_NEEDS_KMAP_HIGH_GET: lock_kmap() is spin_lock()).
 *
 * flush_all_zero_pkmaps() still waits for IPIs with kmap_lock held, but a
 * CPU spinning on kmap_lock keeps its IRQs on, takes the IPI and lets the
 * flush complete; then it gets the lock. No interleaving deadlocks.
 */
#include "common/pkmap_two_mappers.c"

REF_SCENARIO(flush_deadlock_good, "ipi-under-irq-lock", REF_GOOD,
	     "flush_all_zero_pkmaps() waits for IPIs with kmap_lock held, kmap_lock taken with IRQs on: CPUs spinning on it take the IPI",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_new, 0), REF_TASK(task_map_other, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
