// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
//
// The direct-reclaim bit is the TU's ___GFP_DIRECT_RECLAIM when it is an
// integer literal there (rules/api 'gfp_direct_reclaim.macro'), not the
// rules' value (0x400): a kernel whose GFP bits moved is judged by its own.
#include <linux/highmem.h>
#include <linux/slab.h>
#undef ___GFP_DIRECT_RECLAIM
#define ___GFP_DIRECT_RECLAIM 0x10u

void *moved_bit(struct page *page) {
	char *a = kmap_atomic(page);
	void *p = kmalloc(8, 0x10u);
	void *q = kmalloc(8, 0x400u); /* not the bit in this TU */
	kfree(q);
	kunmap_atomic(a);
	return p;
}
// CHECK: gfp-bit-from-tu.c:[[@LINE-6]]:12: warning: 'kmalloc' may sleep (its GFP flags allow direct reclaim); called inside the kmap_atomic() section of 'a'
