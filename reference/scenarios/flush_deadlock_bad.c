/*
 * ipi-under-irq-lock, BAD: the pkmap flush waits for IPIs with kmap_lock
 * held, on a configuration that takes kmap_lock with IRQs off
 * (ARCH_NEEDS_KMAP_HIGH_GET: lock_kmap() is spin_lock_irq()).
 *
 * The pool code is the kernel-shaped mm/highmem.c (kmap_high ->
 * map_new_virtual -> flush_all_zero_pkmaps, the wait-queue path,
 * kunmap_high) in this configuration; the model provides only the
 * primitives (kmap_lock, pkmap_count, pkmap_page_table, page addresses,
 * ptes, flush_tlb_kernel_range).
 *
 * task_map_new (cpu0) maps a page while the pool is about to wrap around, so
 * flush_all_zero_pkmaps() releases the unused entry and flushes the TLB with
 * kmap_lock held and IRQs off. task_map_other (cpu1) calls lock_kmap() in
 * the meantime: it turns its IRQs off and spins on kmap_lock. cpu1 never
 * takes the flush IPI and cpu0 never releases the lock: deadlock.
 */
#define ARCH_NEEDS_KMAP_HIGH_GET
#include "common/pkmap_two_mappers.c"

REF_SCENARIO(flush_deadlock_bad, "ipi-under-irq-lock", REF_BAD,
	     "flush_all_zero_pkmaps() waits for IPIs with kmap_lock held, kmap_lock taken with IRQs off: deadlock",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_new, 0), REF_TASK(task_map_other, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
