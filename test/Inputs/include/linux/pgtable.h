/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * The x86_64 (no HIGHPTE) shape of the page-table walk helpers: the PTE
 * page is mapped by pte_offset_map() and released by pte_unmap(). */
#ifndef _MOCK_LINUX_PGTABLE_H
#define _MOCK_LINUX_PGTABLE_H
#include <linux/highmem.h>
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
struct mm_struct {
  unsigned long flags;
  pmd_t *pgd;
};
extern struct mm_struct init_mm;
pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address);
static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long address) {
  return pte_offset_kernel(pmd, address);
}
static inline void pte_unmap(pte_t *pte) {}
int pte_none(pte_t pte);
void set_pte(pte_t *ptep, pte_t pte);
#endif
