/*
 * ipi-under-irq-lock, BAD: the pkmap flush waits for IPIs with kmap_lock
 * held, on a configuration that takes kmap_lock with IRQs off
 * (ARCH_NEEDS_KMAP_HIGH_GET: lock_kmap() is spin_lock_irq()).
 *
 * The pool code below is kernel-shaped (kmap_high -> map_new_virtual ->
 * flush_all_zero_pkmaps, the wait-queue path, kunmap_high), written for
 * kmapcheck after the structure of mm/highmem.c; the model provides only the
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
#include <linux/highmem.h>
#include <asm/tlbflush.h>
#include <kmapref/scenario.h>

static struct page *old_page;
static struct page *new_page;
static struct page *other_page;

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
	/* Waits until every other CPU has taken the IPI. */
	if (need_flush)
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
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
	new_page = alloc_page(GFP_HIGHUSER);
	other_page = alloc_page(GFP_HIGHUSER);
	/* Leave one entry mapped but unused: the next wrap flushes it. */
	sc_kmap_high(old_page);
	sc_kunmap_high(old_page);
}

static void task_map_new(void)
{
	char *addr = sc_kmap_high(new_page);

	addr[0] = 'n';
	sc_kunmap_high(new_page);
}

static void task_map_other(void)
{
	char *addr = sc_kmap_high(other_page);

	addr[0] = 'o';
	sc_kunmap_high(other_page);
}

REF_SCENARIO(flush_deadlock_bad, "ipi-under-irq-lock", REF_BAD,
	     "flush_all_zero_pkmaps() waits for IPIs with kmap_lock held, kmap_lock taken with IRQs off: deadlock",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_map_new, 0), REF_TASK(task_map_other, 1) },
	     .cfg = { .last_pkmap = 2, .kmap_lock_irq = REF_KMAP_LOCK_IRQ });
