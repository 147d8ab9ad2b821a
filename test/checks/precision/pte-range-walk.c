// pte_unmap(pte - 1) after a range walk (for (; addr != end; pte++, ...)):
// the walk is called with a non-empty range, so the path that leaves the
// loop at its first test is an assumption, not a report. When the function
// itself shows that the range can be empty, it is reported.
// RUN: not %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
#include <linux/pgtable.h>

int count_ptes(pmd_t *pmd, unsigned long addr, unsigned long end) {
	pte_t *pte = pte_offset_map(pmd, addr);
	int n = 0;

	for (; addr != end; pte++, addr += PAGE_SIZE)
		if (!pte_none(*pte))
			n++;
	pte_unmap(pte - 1);
	return n;
}

void clear_ptes(pmd_t *pmd, unsigned long addr, unsigned long end, pte_t z) {
	pte_t *pte = pte_offset_map(pmd, addr);

	while (addr != end) {
		set_pte(pte, z);
		pte++;
		addr += PAGE_SIZE;
	}
	pte_unmap(pte - 1);
}

/* The function tests for the empty range itself: that path is real. */
int maybe_empty(pmd_t *pmd, unsigned long addr, unsigned long end) {
	pte_t *pte = pte_offset_map(pmd, addr);
	int n = 0;

	if (addr == end)
		n = -1;
	for (; addr != end; pte++, addr += PAGE_SIZE)
		if (!pte_none(*pte))
			n++;
	pte_unmap(pte - 1);
	return n;
}
// CHECK: pte-range-walk.c:[[@LINE-3]]:2: warning: 'pte_unmap' given an address -8 bytes from the start of 'pte', outside the mapped page [kmap-unmap-mismatch]
