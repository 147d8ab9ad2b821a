/*
 * Kernel page-table entries for the reference model (written for kmapcheck).
 * A pte maps one simulated page; setting a pkmap pte really maps the page at
 * that address (the model aliases simulated physical memory with mmap), and
 * clearing it makes the address inaccessible, so a stale access faults.
 */
#ifndef _KMAPREF_ASM_PGTABLE_H
#define _KMAPREF_ASM_PGTABLE_H

#include <linux/types.h>
#include <linux/mm_types.h>

typedef struct { unsigned long pte; } pte_t;

#define _PAGE_PRESENT	0x1UL

extern struct mm_struct init_mm;
extern pgprot_t kmap_prot;
#define PAGE_KERNEL	kmap_prot

unsigned long page_to_pfn(const struct page *page);
struct page *pfn_to_page(unsigned long pfn);

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	pte_t pte = { (page_to_pfn(page) << PAGE_SHIFT) | _PAGE_PRESENT };

	(void)prot;
	return pte;
}

static inline int pte_none(pte_t pte)
{
	return !(pte.pte & _PAGE_PRESENT);
}

static inline struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte.pte >> PAGE_SHIFT);
}

static inline unsigned long pte_val(pte_t pte)
{
	return pte.pte;
}

void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte);
void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep);

#endif /* _KMAPREF_ASM_PGTABLE_H */
