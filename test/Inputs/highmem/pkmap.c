/*
 * A mock of the pkmap pool of mm/highmem.c, written for kmapcheck's tests
 * (not kernel code). It follows the kernel's structure: kmap_high() ->
 * map_new_virtual() -> flush_all_zero_pkmaps(), the wait-queue path, and
 * kunmap_high(), in three variants:
 *   default          as in the kernel today: the flush runs under kmap_lock;
 *   SEED_PATCH       the 2024 patch: kmap_lock dropped around the flush;
 *   SEED_PATCH_RECHECK the patch plus a re-check of page_address(page)
 *                    after the lock is re-taken.
 * ARCH_NEEDS_KMAP_HIGH_GET makes lock_kmap() disable IRQs.
 */
#include <asm/tlbflush.h>
#include <linux/highmem.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define LAST_PKMAP 4
#define PKMAP_BASE 0xff800000UL
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((nr) << PAGE_SHIFT))
#define PKMAP_NR(virt) (((virt) - PKMAP_BASE) >> PAGE_SHIFT)

typedef struct { unsigned long pte; } pte_t;
static int pkmap_count[LAST_PKMAP];
static pte_t pkmap_page_table[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DEFINE_SPINLOCK(kmap_lock);
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

#ifdef ARCH_NEEDS_KMAP_HIGH_GET
#define lock_kmap() spin_lock_irq(&kmap_lock)
#define unlock_kmap() spin_unlock_irq(&kmap_lock)
#else
#define lock_kmap() spin_lock(&kmap_lock)
#define unlock_kmap() spin_unlock(&kmap_lock)
#endif

struct page *pte_page(pte_t pte);
pte_t mk_pte(struct page *page);

static void flush_all_zero_pkmaps(void)
{
	int i;
	int need_flush = 0;

	for (i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		page = pte_page(pkmap_page_table[i]);
		pkmap_page_table[i].pte = 0;
		set_page_address(page, NULL);
		need_flush = 1;
	}
	if (need_flush) {
#if defined(SEED_PATCH) || defined(SEED_PATCH_RECHECK)
		unlock_kmap();
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
		lock_kmap();
#else
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
#endif
	}
}

static unsigned long map_new_virtual(struct page *page)
{
	unsigned long vaddr;
	int count;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & (LAST_PKMAP - 1);
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
#ifdef SEED_PATCH_RECHECK
			/* The lock was dropped: the page may be mapped now. */
			if (page_address(page))
				return (unsigned long)page_address(page);
#endif
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;
		{
			DECLARE_WAITQUEUE(wait, current);

			__set_current_state(TASK_UNINTERRUPTIBLE);
			add_wait_queue(&pkmap_map_wait, &wait);
			unlock_kmap();
			schedule();
			remove_wait_queue(&pkmap_map_wait, &wait);
			lock_kmap();

			/* Somebody else might have mapped it while we slept. */
			if (page_address(page))
				return (unsigned long)page_address(page);
			goto start;
		}
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	pkmap_page_table[last_pkmap_nr] = mk_pte(page);
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, (void *)vaddr);
	return vaddr;
}

void *kmap_high(struct page *page)
{
	unsigned long vaddr;

	lock_kmap();
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	unlock_kmap();
	return (void *)vaddr;
}

void kunmap_high(struct page *page)
{
	unsigned long vaddr;
	unsigned long nr;
	int need_wakeup = 0;

	lock_kmap();
	vaddr = (unsigned long)page_address(page);
	nr = PKMAP_NR(vaddr);
	switch (--pkmap_count[nr]) {
	case 0:
		break;
	case 1:
		need_wakeup = waitqueue_active(&pkmap_map_wait);
	}
	unlock_kmap();
	if (need_wakeup)
		wake_up(&pkmap_map_wait);
}

void kmap_flush_unused(void)
{
	lock_kmap();
	flush_all_zero_pkmaps();
	unlock_kmap();
}
