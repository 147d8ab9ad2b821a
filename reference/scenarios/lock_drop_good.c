/*
 * lock-drop-revalidate, GOOD: the 2024 patch (seed 000) plus what the review
 * asked for: after flush_all_zero_pkmaps() re-takes kmap_lock,
 * map_new_virtual() re-reads page_address(page) and uses the mapping another
 * task made while the lock was dropped, as the wait-queue path already does.
 *
 * Kernel-shaped pool code written for kmapcheck after the structure of
 * mm/highmem.c; the model provides only the primitives. The model does not
 * track TLB contents, so it does not judge whether an entry may be reused
 * before the flush that released it has completed; see README.md.
 */
#include <linux/highmem.h>
#include <asm/tlbflush.h>
#include <kmapref/scenario.h>

static struct page *old_page;
static struct page *shared_page;

/* Release every mapped-but-unused entry; kmap_lock is held. */
static void flush_all_zero_pkmaps(void)
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
	/*
	 * The 2024 patch: do not wait for the IPIs with kmap_lock held. While
	 * it is dropped, other tasks change pkmap_count, the ptes and the
	 * page addresses.
	 */
	if (need_flush) {
		unlock_kmap();
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
		lock_kmap();
	}
}

/* Find a free entry for page; kmap_lock is held on entry and exit. */
static unsigned long map_new_virtual(struct page *page)
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
			flush_all_zero_pkmaps();
			/*
			 * kmap_lock was dropped for the flush: another task
			 * may have mapped the page meanwhile. Re-check.
			 */
			if (page_address(page))
				return (unsigned long)page_address(page);
			count = get_pkmap_entries_count(color);
		}
		if (!pkmap_count[nr])
			break;
		if (--count)
			continue;

		/* The pool is full: sleep until an entry is released. */
		{
			DECLARE_WAITQUEUE(wait, current);
			wait_queue_head_t *wq = get_pkmap_wait_queue_head(color);

			__set_current_state(TASK_UNINTERRUPTIBLE);
			add_wait_queue(wq, &wait);
			unlock_kmap();
			schedule();
			remove_wait_queue(wq, &wait);
			lock_kmap();

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

static void *sc_kmap_high(struct page *page)
{
	unsigned long vaddr;

	lock_kmap();
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	unlock_kmap();
	return (void *)vaddr;
}

static void sc_kunmap_high(struct page *page)
{
	wait_queue_head_t *wq;
	unsigned long vaddr;
	unsigned long flags;
	int need_wakeup = 0;
	int nr;

	wq = get_pkmap_wait_queue_head(get_pkmap_color(page));
	lock_kmap_any(flags);
	vaddr = (unsigned long)page_address(page);
	BUG_ON(!vaddr);
	nr = PKMAP_NR(vaddr);
	BUG_ON(pkmap_count[nr] < 2);
	pkmap_count[nr]--;
	if (pkmap_count[nr] == 1)
		need_wakeup = waitqueue_active(wq);
	unlock_kmap_any(flags);
	if (need_wakeup)
		wake_up(wq);
}

static void setup(void)
{
	old_page = alloc_page(GFP_HIGHUSER);
	shared_page = alloc_page(GFP_HIGHUSER);
	/* Leave one entry mapped but unused: the next wrap flushes it. */
	sc_kmap_high(old_page);
	sc_kunmap_high(old_page);
}

/* Both tasks map the same page; it must end up at one address. */
static void task_map_a(void)
{
	char *addr = sc_kmap_high(shared_page);

	addr[0] = 'a';
	sc_kunmap_high(shared_page);
}

static void task_map_b(void)
{
	char *addr = sc_kmap_high(shared_page);

	addr[1] = 'b';
	sc_kunmap_high(shared_page);
}

REF_SCENARIO(lock_drop_good, "lock-drop-revalidate", REF_GOOD,
	     "kmap_lock dropped around the flush (2024 patch), and map_new_virtual() re-checks page_address() once it is re-taken",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_a, 0), REF_TASK(task_map_b, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
