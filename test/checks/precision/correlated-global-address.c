// Conditions re-read from the same lvalue, with nothing on the path writing
// it, answer the same way both times; a comparison with a global's address
// is a constraint.
// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/pgtable.h>

void arch_enter_lazy_mmu_mode(void);
void arch_leave_lazy_mmu_mode(void);
int apply_fn(pte_t *pte, unsigned long addr, void *data);

/* Mapped under mm != &init_mm, released under the same test after a loop
 * and calls. */
int apply_range(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
		unsigned long end, void *data) {
	pte_t *pte, *mapped_pte;
	int err = 0;

	mapped_pte = pte = (mm == &init_mm) ? pte_offset_kernel(pmd, addr) :
					      pte_offset_map(pmd, addr);
	arch_enter_lazy_mmu_mode();
	do {
		err = apply_fn(pte++, addr, data);
		if (err)
			break;
	} while (addr += PAGE_SIZE, addr != end);
	arch_leave_lazy_mmu_mode();
	if (mm != &init_mm)
		pte_unmap(mapped_pte);
	return err;
}

/* A field read again after calls. */
struct mm_walk { struct mm_struct *mm; void *priv; };
void walk_entry(struct mm_walk *walk, pte_t *pte);
void walk_pte_range(struct mm_walk *walk, pmd_t *pmd, unsigned long addr) {
	pte_t *pte;

	if (walk->mm == &init_mm)
		pte = pte_offset_kernel(pmd, addr);
	else
		pte = pte_offset_map(pmd, addr);
	walk_entry(walk, pte);
	walk_entry(walk, pte + 1);
	if (walk->mm != &init_mm)
		pte_unmap(pte);
}

/* if (!r->buf) return; in a cleanup helper, after opaque calls. */
struct reader { struct page *page; char *buf; int pos; };
int fill(struct reader *r);
static void reader_release(struct reader *r) {
	if (!r->buf)
		return;
	kunmap(r->page);
	r->buf = NULL;
}
int reader_run(struct page *page, int want) {
	struct reader r;
	int err;

	r.buf = NULL;
	if (want) {
		r.page = page;
		r.buf = kmap(page);
	}
	err = fill(&r);
	err |= fill(&r);
	reader_release(&r);
	return err;
}
