/*
 * The pkmap pool code of the reference model, written for kmapcheck from the
 * semantics documented in Documentation/mm/highmem.rst and the 2024 review
 * of flush_all_zero_pkmaps() (seed 000); not kernel code.
 *
 * highmem.c includes this file twice, with lock_kmap()/unlock_kmap() and
 * lock_kmap_any()/unlock_kmap_any() defined as with and without
 * ARCH_NEEDS_KMAP_HIGH_GET, and PKMAP(name) giving the functions a suffix
 * per configuration; it chooses the configuration of the scenario at run
 * time. So each instance takes kmap_lock one way only, as the kernel does.
 *
 * kmap_high(): under kmap_lock, reuse the page's entry if it has one, else
 * look for a free entry (map_new_virtual()). The search walks the pool from
 * last_pkmap_nr; when it wraps around, flush_all_zero_pkmaps() releases every
 * entry that is mapped but unused (count 1) and flushes the kernel TLB for
 * the pool. When no entry is free the task sleeps on pkmap_map_wait until
 * kunmap_high() releases one, then starts over (the page may have been
 * mapped meanwhile).
 *
 * The flush is done with kmap_lock held, as in the kernel today, unless the
 * scenario selects the 2024 patch (drop the lock around the flush) or the
 * patch with a re-check of page_address() once the lock is re-taken.
 *
 * Unused entries (count 1) are made inaccessible until reused, so that an
 * access after kunmap() faults as it would with a debug kernel.
 */

/* Release every unused entry; called with kmap_lock held. */
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
	if (!need_flush)
		return;
	if (ref_cfg()->flush_variant == REF_FLUSH_LOCKED) {
		/*
		 * As in mm/highmem.c today. With the IRQs-off kmap_lock
		 * configuration this is seed 000's deadlock, which the model
		 * reproduces on purpose for the dynamic scenarios: suppressed.
		 */
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP)); /* NOKMAPCHECK(ipi-under-irq-lock) */
		return;
	}
	/* The 2024 patch: the flush waits for IPIs without kmap_lock. */
	unlock_kmap();
	flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
	lock_kmap();
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
	/*
	 * With the REF_FLUSH_UNLOCKED variant (the 2024 patch) this relies on a
	 * stale page_address(): the double mapping the model demonstrates.
	 */
	set_page_address(page, (void *)vaddr); /* NOKMAPCHECK(lock-drop-revalidate) */
	return vaddr;
}

static void *PKMAP(kmap_high)(struct page *page)
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
	ref_mem_pkmap_access(nr, 1);
	unlock_kmap();
	return (void *)vaddr;
}

static void PKMAP(kunmap_high)(struct page *page)
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
		ref_mem_pkmap_access(nr, 0);
		need_wakeup = waitqueue_active(wq);
	}
	unlock_kmap_any(flags);
	if (need_wakeup)
		wake_up(wq);
}
