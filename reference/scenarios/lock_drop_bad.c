/*
 * lock-drop-revalidate, BAD: the 2024 patch to mm/highmem.c
 * (KMAP_FLUSH_UNLOCKED) drops kmap_lock around flush_tlb_kernel_range() in
 * flush_all_zero_pkmaps() to avoid the IPI deadlock, but map_new_virtual()
 * goes on after the flush as if nothing had changed: the page it is mapping
 * was found unmapped under the lock before the flush, and that fact is
 * relied on afterwards.
 *
 * The pool code is the kernel-shaped mm/highmem.c in this configuration; the
 * model provides only the primitives.
 *
 * Both tasks map the same page (common/pkmap_two_mappers.c with
 * PKMAP_SAME_PAGE): task_map_new wraps the pool and flushes with the lock
 * dropped; task_map_other maps the page meanwhile, at the entry the flush
 * just freed; then task_map_new maps the page again at another entry. The
 * scheduler reports the page mapped at two pkmap entries.
 */
#define KMAP_FLUSH_UNLOCKED
#define PKMAP_SAME_PAGE
#include "common/pkmap_two_mappers.c"

REF_SCENARIO(lock_drop_bad, "lock-drop-revalidate", REF_BAD,
	     "kmap_lock dropped around the flush (2024 patch); map_new_virtual() goes on assuming the page is still unmapped: the page gets two pkmap entries",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_new, 0), REF_TASK(task_map_other, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
