/*
 * The pkmap pool of the reference model (written for kmapcheck, from the
 * semantics in Documentation/mm/highmem.rst; not taken from the kernel).
 *
 * LAST_PKMAP entries at PKMAP_BASE. pkmap_count[i]: 0 free, 1 mapped but no
 * longer used (awaiting a flush by flush_all_zero_pkmaps()), n > 1 in use by
 * n - 1 kmap()s. kmap_lock guards pkmap_count, pkmap_page_table,
 * last_pkmap_nr and the page addresses. The pool is small and set per
 * scenario (2, 4 or 8 entries) so that exhaustion and wrap-around happen.
 *
 * lock_kmap() takes kmap_lock with IRQs off when ARCH_NEEDS_KMAP_HIGH_GET is
 * defined before this header is included (as on ARM, where kmap_high_get()
 * may be called from interrupts), plainly otherwise; REF_KMAP_LOCK_IRQ says
 * which, for the scenario's configuration.
 *
 * The pool state is provided by the model and reset before every run; the
 * pool code is mm/highmem.c (included by the model and by scenarios).
 */
#ifndef _KMAPREF_ASM_HIGHMEM_H
#define _KMAPREF_ASM_HIGHMEM_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <asm/pgtable.h>

#define LAST_PKMAP_MAX		8

extern unsigned int ref_last_pkmap;	/* set from the scenario */
extern unsigned long ref_pkmap_base;

#define LAST_PKMAP		((int)ref_last_pkmap)
#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PKMAP_BASE		ref_pkmap_base
#define PKMAP_NR(virt)		((int)(((unsigned long)(virt) - PKMAP_BASE) >> PAGE_SHIFT))
#define PKMAP_ADDR(nr)		(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

extern int pkmap_count[LAST_PKMAP_MAX];
extern pte_t pkmap_page_table[LAST_PKMAP_MAX];
extern unsigned int last_pkmap_nr;
extern spinlock_t kmap_lock;
extern wait_queue_head_t pkmap_map_wait;

#define flush_cache_kmaps()	do { } while (0)

/*
 * A debugging aid of the model (as page protections on a debug kernel): an
 * entry no kmap() uses is inaccessible until it is used again, so that an
 * access after kunmap() faults.
 */
void pkmap_debug_access(int nr, int in_use);

#ifdef ARCH_NEEDS_KMAP_HIGH_GET
#define REF_KMAP_LOCK_IRQ	1
#define lock_kmap()		spin_lock_irq(&kmap_lock)
#define unlock_kmap()		spin_unlock_irq(&kmap_lock)
#define lock_kmap_any(flags)	spin_lock_irqsave(&kmap_lock, flags)
#define unlock_kmap_any(flags)	spin_unlock_irqrestore(&kmap_lock, flags)
#else
#define REF_KMAP_LOCK_IRQ	0
#define lock_kmap()		spin_lock(&kmap_lock)
#define unlock_kmap()		spin_unlock(&kmap_lock)
#define lock_kmap_any(flags)	\
	do { spin_lock(&kmap_lock); (void)(flags); } while (0)
#define unlock_kmap_any(flags)	\
	do { spin_unlock(&kmap_lock); (void)(flags); } while (0)
#endif

/*
 * Colours: an architecture with cache aliasing gives each page a colour and
 * each colour its own part of the pool. The model has a single colour.
 */
static inline unsigned int get_pkmap_color(struct page *page)
{
	(void)page;
	return 0;
}

/* Advance to the next entry of this colour; callers hold kmap_lock. */
static inline unsigned int get_next_pkmap_nr(unsigned int color)
{
	(void)color;
	last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
	return last_pkmap_nr;
}

/* True when the search wrapped around: time to flush unused entries. */
static inline int no_more_pkmaps(unsigned int pkmap_nr, unsigned int color)
{
	(void)color;
	return pkmap_nr == 0;
}

static inline int get_pkmap_entries_count(unsigned int color)
{
	(void)color;
	return LAST_PKMAP;
}

static inline wait_queue_head_t *get_pkmap_wait_queue_head(unsigned int color)
{
	(void)color;
	return &pkmap_map_wait;
}

/*
 * Local-mapping slots of this CPU, for a scenario's own context switch:
 * entry idx of the task being switched out is cleared, of the task being
 * switched in set to page. Neither touches any task's kmap_ctrl.idx. Each is
 * a synchronisation point (an interrupt may come before it).
 */
void kmap_local_pte_clear(int idx);
void kmap_local_pte_set(int idx, struct page *page);

#endif /* _KMAPREF_ASM_HIGHMEM_H */
