/*
 * The pkmap pool of the reference model: kmap_high(), kunmap_high(), kmap()
 * and kunmap(). Written for kmapcheck; not kernel code. The pool code itself
 * is mm/highmem.c, instantiated here once per configuration (kmap_lock with
 * IRQs on or off, times the three ways of flushing), so that each instance
 * takes kmap_lock and flushes one way only, as the kernel does; the
 * scenario's configuration picks the instance at run time.
 */
#include "model.h"

int pkmap_count[LAST_PKMAP_MAX];
pte_t pkmap_page_table[LAST_PKMAP_MAX];
unsigned int last_pkmap_nr;
DEFINE_SPINLOCK(kmap_lock);
DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned int ref_last_pkmap = 4;
unsigned long ref_pkmap_base;

void pkmap_debug_access(int nr, int in_use)
{
	ref_mem_pkmap_access(nr, in_use);
}

/* kmap_lock taken with IRQs on (the default configuration). */
#undef lock_kmap
#undef unlock_kmap
#undef lock_kmap_any
#undef unlock_kmap_any
#define lock_kmap()		spin_lock(&kmap_lock)
#define unlock_kmap()		spin_unlock(&kmap_lock)
#define lock_kmap_any(flags)	\
	do { spin_lock(&kmap_lock); (void)(flags); } while (0)
#define unlock_kmap_any(flags)	\
	do { spin_unlock(&kmap_lock); (void)(flags); } while (0)

#define PKMAP(name)		name##_irq_on_locked
#include "../mm/highmem.c"
#undef PKMAP
#define KMAP_FLUSH_UNLOCKED
#define PKMAP(name)		name##_irq_on_unlocked
#include "../mm/highmem.c"
#undef PKMAP
#define KMAP_FLUSH_RECHECK
#define PKMAP(name)		name##_irq_on_recheck
#include "../mm/highmem.c"
#undef PKMAP
#undef KMAP_FLUSH_UNLOCKED
#undef KMAP_FLUSH_RECHECK

/* kmap_lock taken with IRQs off (ARCH_NEEDS_KMAP_HIGH_GET). */
#undef lock_kmap
#undef unlock_kmap
#undef lock_kmap_any
#undef unlock_kmap_any
#define lock_kmap()		spin_lock_irq(&kmap_lock)
#define unlock_kmap()		spin_unlock_irq(&kmap_lock)
#define lock_kmap_any(flags)	spin_lock_irqsave(&kmap_lock, flags)
#define unlock_kmap_any(flags)	spin_unlock_irqrestore(&kmap_lock, flags)

#define PKMAP(name)		name##_irq_off_locked
#include "../mm/highmem.c"
#undef PKMAP
#define KMAP_FLUSH_UNLOCKED
#define PKMAP(name)		name##_irq_off_unlocked
#include "../mm/highmem.c"
#undef PKMAP
#define KMAP_FLUSH_RECHECK
#define PKMAP(name)		name##_irq_off_recheck
#include "../mm/highmem.c"
#undef PKMAP
#undef KMAP_FLUSH_UNLOCKED
#undef KMAP_FLUSH_RECHECK

/* [kmap_lock with IRQs off][enum ref_flush_variant] */
static void *(*const kmap_high_of[2][3])(struct page *) = {
	{ kmap_high_irq_on_locked, kmap_high_irq_on_unlocked,
	  kmap_high_irq_on_recheck },
	{ kmap_high_irq_off_locked, kmap_high_irq_off_unlocked,
	  kmap_high_irq_off_recheck },
};
static void (*const kunmap_high_of[2][3])(struct page *) = {
	{ kunmap_high_irq_on_locked, kunmap_high_irq_on_unlocked,
	  kunmap_high_irq_on_recheck },
	{ kunmap_high_irq_off_locked, kunmap_high_irq_off_unlocked,
	  kunmap_high_irq_off_recheck },
};

void *kmap_high(struct page *page)
{
	const struct ref_config *cfg = ref_cfg();

	return kmap_high_of[!!cfg->kmap_lock_irq][cfg->flush_variant](page);
}

void kunmap_high(struct page *page)
{
	const struct ref_config *cfg = ref_cfg();

	kunmap_high_of[!!cfg->kmap_lock_irq][cfg->flush_variant](page);
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
