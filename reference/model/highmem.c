/*
 * The pkmap pool of the reference model: kmap_high(), kunmap_high(), kmap()
 * and kunmap(). Written for kmapcheck; not kernel code. The pool code itself
 * is in pkmap_pool.h, instantiated once per way of taking kmap_lock.
 */
#include "model.h"

int pkmap_count[LAST_PKMAP_MAX];
pte_t pkmap_page_table[LAST_PKMAP_MAX];
unsigned int last_pkmap_nr;
DEFINE_SPINLOCK(kmap_lock);
DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned int ref_last_pkmap = 4;
unsigned long ref_pkmap_base;

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
#define PKMAP(name)		name##_irq_on
#include "pkmap_pool.h"
#undef PKMAP

/* kmap_lock taken with IRQs off (ARCH_NEEDS_KMAP_HIGH_GET). */
#undef lock_kmap
#undef unlock_kmap
#undef lock_kmap_any
#undef unlock_kmap_any
#define lock_kmap()		spin_lock_irq(&kmap_lock)
#define unlock_kmap()		spin_unlock_irq(&kmap_lock)
#define lock_kmap_any(flags)	spin_lock_irqsave(&kmap_lock, flags)
#define unlock_kmap_any(flags)	spin_unlock_irqrestore(&kmap_lock, flags)
#define PKMAP(name)		name##_irq_off
#include "pkmap_pool.h"
#undef PKMAP

void *kmap_high(struct page *page)
{
	if (ref_cfg()->kmap_lock_irq)
		return kmap_high_irq_off(page);
	return kmap_high_irq_on(page);
}

void kunmap_high(struct page *page)
{
	if (ref_cfg()->kmap_lock_irq)
		kunmap_high_irq_off(page);
	else
		kunmap_high_irq_on(page);
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
