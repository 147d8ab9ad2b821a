// SPDX-License-Identifier: GPL-2.0
/*
 * The pkmap pool of the reference model: kmap_high(), kunmap_high(), kmap()
 * and kunmap(). Written for kmapcheck from the semantics documented in
 * Documentation/mm/highmem.rst and the 2024 review of mm/highmem.c's
 * flush_all_zero_pkmaps(); not kernel code.
 *
 * kmap_high(): under kmap_lock, reuse the page's pkmap entry if it has one,
 * else look for a free entry (map_new_virtual()). The search walks the pool
 * from last_pkmap_nr; when it wraps around, flush_all_zero_pkmaps() releases
 * every entry that is mapped but unused (count 1) and flushes the kernel TLB
 * for the pool. When no entry is free the task sleeps on pkmap_map_wait
 * until kunmap_high() releases one, then starts over (the page may have been
 * mapped meanwhile).
 *
 * The flush is done with kmap_lock held, as in the kernel today, unless the
 * scenario selects the 2024 patch (drop the lock around the flush) or the
 * patch with a re-check of page_address() once the lock is re-taken.
 * lock_kmap() disables IRQs when the scenario's configuration says so
 * (ARCH_NEEDS_KMAP_HIGH_GET).
 *
 * Unused entries (count 1) are made inaccessible until reused, so that an
 * access after kunmap() faults as it would with a debug kernel.
 */
#include "model.h"

int pkmap_count[LAST_PKMAP_MAX];
pte_t pkmap_page_table[LAST_PKMAP_MAX];
unsigned int last_pkmap_nr;
DEFINE_SPINLOCK(kmap_lock);
DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned int ref_last_pkmap = 4;
unsigned long ref_pkmap_base;

static unsigned long kmap_lock_take(void)
{
	unsigned long flags = 0;

	if (ref_cfg()->kmap_lock_irq)
		spin_lock_irqsave(&kmap_lock, flags);
	else
		spin_lock(&kmap_lock);
	return flags;
}

static void kmap_lock_drop(unsigned long flags)
{
	if (ref_cfg()->kmap_lock_irq)
		spin_unlock_irqrestore(&kmap_lock, flags);
	else
		spin_unlock(&kmap_lock);
}

/* Release every unused entry; called with kmap_lock held. */
static void flush_all_zero_pkmaps(unsigned long *flags)
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
	if (!need_flush)
		return;
	if (ref_cfg()->flush_variant == REF_FLUSH_LOCKED) {
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
		return;
	}
	/* The 2024 patch: the flush waits for IPIs without kmap_lock. */
	kmap_lock_drop(*flags);
	flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
	*flags = kmap_lock_take();
}

/* Find an entry for page; called and returns with kmap_lock held. */
static unsigned long map_new_virtual(struct page *page, unsigned long *flags)
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
			flush_all_zero_pkmaps(flags);
			if (ref_cfg()->flush_variant ==
			    REF_FLUSH_UNLOCKED_RECHECK && page_address(page))
				return (unsigned long)page_address(page);
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
			kmap_lock_drop(*flags);
			schedule();
			remove_wait_queue(wq, &wait);
			*flags = kmap_lock_take();

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

void *kmap_high(struct page *page)
{
	unsigned long vaddr;
	unsigned long flags;
	int nr;

	flags = kmap_lock_take();
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page, &flags);
	nr = PKMAP_NR(vaddr);
	pkmap_count[nr]++;
	BUG_ON(pkmap_count[nr] < 2);
	ref_mem_pkmap_access(nr, 1);
	kmap_lock_drop(flags);
	return (void *)vaddr;
}

void kunmap_high(struct page *page)
{
	wait_queue_head_t *wq = get_pkmap_wait_queue_head(get_pkmap_color(page));
	unsigned long vaddr;
	unsigned long flags;
	int need_wakeup = 0;
	int nr;

	flags = kmap_lock_take();
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
		ref_mem_pkmap_access(nr, 0);
		need_wakeup = waitqueue_active(wq);
	}
	kmap_lock_drop(flags);
	if (need_wakeup)
		wake_up(wq);
}

void *kmap(struct page *page)
{
	void *addr;

	ref_deprecated("kmap", "kmap_local_page");
	ref_sleep_point("kmap()");
	if (!PageHighMem(page))
		addr = page_address(page);
	else
		addr = kmap_high(page);
	current->nr_kmaps++;
	return addr;
}

void kunmap(struct page *page)
{
	ref_deprecated("kunmap", "kunmap_local");
	ref_sleep_point("kunmap()");
	if (PageHighMem(page))
		kunmap_high(page);
	current->nr_kmaps--;
}
