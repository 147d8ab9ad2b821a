// Precision: the shape of mm/zsmalloc.c's zs_map_object()/zs_unmap_object().
// The map half returns with page faults disabled (by kmap_atomic(), or by
// pagefault_disable() when the object spans two pages and is copied to a
// per-CPU buffer); the unmap half ends that section, after a balanced
// kmap_atomic()/kunmap_atomic() copy back. The caller pairs them, as it
// pairs kmap_atomic() and kunmap_atomic(). Mapping calls inside either half
// are judged by the mapping checks, not taken as the half's own effect.
// RUN: %kmapcheck --quiet --checks=pagefault-balance,preempt-balance %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=pagefault-balance %s -- %mock_highmem -DUNPAIRED | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

struct area { char *buf; int ro; };

#ifndef UNPAIRED
static void *copy_in(struct area *a, struct page *pages[2], int off)
{
	char *addr;

	pagefault_disable();
	addr = kmap_atomic(pages[0]);
	a->buf[0] = addr[off];
	kunmap_atomic(addr);
	return a->buf;
}
#endif

static void copy_out(struct area *a, struct page *pages[2], int off)
{
	char *addr;

	if (a->ro)
		goto out;
	addr = kmap_atomic(pages[0]);
	addr[off] = a->buf[0];
	kunmap_atomic(addr);
out:
	pagefault_enable();
}

#ifndef UNPAIRED
void *obj_map_object(struct area *a, struct page *pages[2], int off, int one)
{
	if (one)
		return kmap_atomic(pages[0]) + off;
	return copy_in(a, pages, off);
}
#endif

void obj_unmap_object(struct area *a, struct page *pages[2], int off,
		      void *addr, int one)
{
	if (one)
		kunmap_atomic(addr);
	else
		copy_out(a, pages, off);
}
// CHECK: map-unmap-pair.c:37:2: warning: 'pagefault_enable' enables page faults without a matching disable on this path [pagefault-balance]
