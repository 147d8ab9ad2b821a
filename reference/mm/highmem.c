/*
 * The pkmap pool, kernel-shaped: kmap_high() -> map_new_virtual() ->
 * flush_all_zero_pkmaps(), the wait-queue path, and kunmap_high(). Written
 * for kmapcheck after the structure of the kernel's mm/highmem.c and the
 * semantics in Documentation/mm/highmem.rst; not kernel code. This is the
 * one copy: the model (model/highmem.c), the scenarios about the pool and
 * the lit tests include or analyse it.
 *
 * kmap_high(): under kmap_lock, reuse the page's entry if it has one, else
 * look for a free entry (map_new_virtual()). The search walks the pool from
 * last_pkmap_nr; when it wraps around, flush_all_zero_pkmaps() releases every
 * entry that is mapped but unused (count 1) and flushes the kernel TLB for
 * the pool. When no entry is free the task sleeps on pkmap_map_wait until
 * kunmap_high() releases one, then starts over (the page may have been
 * mapped meanwhile).
 *
 * Configuration switches, defined before the file is included (or with -D):
 *   ARCH_NEEDS_KMAP_HIGH_GET  lock_kmap() takes kmap_lock with IRQs off
 *                             (<asm/highmem.h>);
 *   KMAP_FLUSH_UNLOCKED       the 2024 patch: kmap_lock is dropped around
 *                             flush_tlb_kernel_range() (without it, the
 *                             flush waits for IPIs with kmap_lock held);
 *   KMAP_FLUSH_RECHECK        with KMAP_FLUSH_UNLOCKED: map_new_virtual()
 *                             re-checks page_address() once the flush has
 *                             re-taken kmap_lock, as the review asked;
 *   PKMAP(name)               the functions' names; an includer that defines
 *                             it gets them static (e.g. sc_##name in a
 *                             scenario, one suffix per instance in the
 *                             model). Without it they are kmap_high() and
 *                             kunmap_high(), exported as in the kernel.
 * The pool state (pkmap_count, pkmap_page_table, last_pkmap_nr, kmap_lock,
 * pkmap_map_wait) is the model's (<asm/highmem.h>).
 *
 * The file has no include guard: the model includes it once per
 * configuration.
 */
#include <linux/highmem.h>
#include <asm/highmem.h>
#include <asm/tlbflush.h>

#ifdef PKMAP
#define PKMAP_EXPORT static
#else
#define PKMAP(name) name
#define PKMAP_EXPORT
#define PKMAP_DEFAULT_NAMES
#endif

/* Release every mapped-but-unused entry; called with kmap_lock held. */
static void PKMAP(flush_all_zero_pkmaps)(void)
{
	int need_flush = 0;
	int i;

	flush_cache_kmaps();
	for (i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		BUG_ON(pte_none(pkmap_page_table[i]));
		page = pte_page(pkmap_page_table[i]);
		pte_clear(&init_mm, PKMAP_ADDR(i), &pkmap_page_table[i]);
		set_page_address(page, NULL);
		need_flush = 1;
	}
	if (need_flush) {
#ifdef KMAP_FLUSH_UNLOCKED
		/*
		 * The 2024 patch: do not wait for the IPIs with kmap_lock
		 * held. While it is dropped, other tasks change pkmap_count,
		 * the ptes and the page addresses.
		 */
		unlock_kmap();
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
		lock_kmap();
#else
		/* Waits until every other CPU has taken the IPI. */
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
#endif
	}
}

/* Find an entry for page; called and returns with kmap_lock held. */
static unsigned long PKMAP(map_new_virtual)(struct page *page)
{
	unsigned int color = get_pkmap_color(page);
	unsigned long vaddr;
	unsigned int nr;
	int count;

start:
	count = get_pkmap_entries_count(color);
	for (;;) {
		nr = get_next_pkmap_nr(color);
		if (no_more_pkmaps(nr, color)) {
			PKMAP(flush_all_zero_pkmaps)();
#ifdef KMAP_FLUSH_RECHECK
			/*
			 * kmap_lock was dropped for the flush: another task
			 * may have mapped the page meanwhile. Re-check.
			 */
			if (page_address(page))
				return (unsigned long)page_address(page);
#endif
			count = get_pkmap_entries_count(color);
		}
		if (!pkmap_count[nr])
			break;
		if (--count)
			continue;

		/* Every entry is in use: sleep until kunmap_high() frees one. */
		{
			DECLARE_WAITQUEUE(wait, current);
			wait_queue_head_t *wq = get_pkmap_wait_queue_head(color);

			__set_current_state(TASK_UNINTERRUPTIBLE);
			add_wait_queue(wq, &wait);
			unlock_kmap();
			schedule();
			remove_wait_queue(wq, &wait);
			lock_kmap();

			/* Another task may have mapped the page meanwhile. */
			if (page_address(page))
				return (unsigned long)page_address(page);
			goto start;
		}
	}
	vaddr = PKMAP_ADDR(nr);
	set_pte_at(&init_mm, vaddr, &pkmap_page_table[nr],
		   mk_pte(page, kmap_prot));
	pkmap_count[nr] = 1;
	set_page_address(page, (void *)vaddr);
	return vaddr;
}

PKMAP_EXPORT void *PKMAP(kmap_high)(struct page *page)
{
	unsigned long vaddr;
	int nr;

	lock_kmap();
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = PKMAP(map_new_virtual)(page);
	nr = PKMAP_NR(vaddr);
	pkmap_count[nr]++;
	BUG_ON(pkmap_count[nr] < 2);
	pkmap_debug_access(nr, 1);
	unlock_kmap();
	return (void *)vaddr;
}

PKMAP_EXPORT void PKMAP(kunmap_high)(struct page *page)
{
	wait_queue_head_t *wq;
	unsigned long vaddr;
	unsigned long flags;
	int need_wakeup = 0;
	int nr;

	wq = get_pkmap_wait_queue_head(get_pkmap_color(page));
	lock_kmap_any(flags);
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		ref_fail("unmap mismatch: kunmap() by %s of page %lu, which is not kmap()ed",
			 current->comm, page_to_pfn(page));
	nr = PKMAP_NR(vaddr);
	if (pkmap_count[nr] < 2)
		ref_fail("pkmap_count underflow: kunmap() by %s of pkmap entry %d, which is not in use (pkmap_count %d)",
			 current->comm, nr, pkmap_count[nr]);
	/* Down to 1: mapped but unused; a task waiting for an entry may go. */
	if (--pkmap_count[nr] == 1) {
		pkmap_debug_access(nr, 0);
		need_wakeup = waitqueue_active(wq);
	}
	unlock_kmap_any(flags);
	if (need_wakeup)
		wake_up(wq);
}

#undef PKMAP_EXPORT
#ifdef PKMAP_DEFAULT_NAMES
#undef PKMAP
#undef PKMAP_DEFAULT_NAMES
#endif
