/*
 * lock-drop-revalidate, GOOD: the 2024 patch plus what the review asked for
 * (KMAP_FLUSH_UNLOCKED and KMAP_FLUSH_RECHECK of mm/highmem.c): after
 * flush_all_zero_pkmaps() re-takes kmap_lock, map_new_virtual() re-reads
 * page_address(page) and uses the mapping another task made while the lock
 * was dropped, as the wait-queue path already does.
 *
 * The model does not track TLB contents, so it does not judge whether an
 * entry may be reused before the flush that released it has completed; see
 * README.md.
 */
#define KMAP_FLUSH_UNLOCKED
#define KMAP_FLUSH_RECHECK
#define PKMAP_SAME_PAGE
#include "common/pkmap_two_mappers.c"

REF_SCENARIO(lock_drop_good, "lock-drop-revalidate", REF_GOOD,
	     "kmap_lock dropped around the flush (2024 patch), and map_new_virtual() re-checks page_address() once it is re-taken",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_new, 0), REF_TASK(task_map_other, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
