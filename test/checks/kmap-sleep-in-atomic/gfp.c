// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --stats --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
//
// Allocations sleep or not by their GFP flags (rules/api 'might_sleep_if':
// the flags' __GFP_DIRECT_RECLAIM bit); vmalloc() always sleeps.
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mempool.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

struct kmem_cache *cache;
mempool_t *pool;

void *kmalloc_kernel_in_atomic(struct page *page) {
	char *a = kmap_atomic(page);
	void *p = kmalloc(64, GFP_KERNEL);
	kunmap_atomic(a);
	return p;
}
// CHECK: gfp.c:[[@LINE-4]]:12: warning: 'kmalloc' may sleep (its GFP flags allow direct reclaim); called inside the kmap_atomic() section of 'a' [kmap-sleep-in-atomic]

void every_allocator(struct page *page, void **out) {
	char *a = kmap_atomic(page);
	out[0] = kzalloc(8, GFP_NOFS);
	out[1] = kcalloc(2, 8, GFP_USER);
	out[2] = kmalloc_array(2, 8, GFP_NOIO);
	out[3] = alloc_page(GFP_KERNEL);
	out[4] = (void *)__get_free_pages(GFP_KERNEL, 1);
	out[5] = kmem_cache_alloc(cache, GFP_KERNEL);
	out[6] = mempool_alloc(pool, GFP_NOIO);
	out[7] = vmalloc(4096);
	out[8] = kmalloc_node(8, GFP_KERNEL, 0);
	out[9] = alloc_pages_node(0, GFP_KERNEL, 0);
	out[10] = kmem_cache_alloc_node(cache, GFP_NOFS, 0);
	kunmap_atomic(a);
}
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'kzalloc' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'kcalloc' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'kmalloc_array' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'alloc_page' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:19: warning: '__get_free_pages' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'kmem_cache_alloc' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'mempool_alloc' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'vmalloc' may sleep; called inside
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'kmalloc_node' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:11: warning: 'alloc_pages_node' may sleep (its GFP flags allow direct reclaim)
// CHECK: gfp.c:[[@LINE-13]]:12: warning: 'kmem_cache_alloc_node' may sleep (its GFP flags allow direct reclaim)

/* The flags as the path has them: a TU-local helper inlined with each. */
static void *get_buf(gfp_t gfp) {
	return kmalloc(32, gfp);
}
void *helper_with_flags(struct page *page, bool atomic) {
	char *a = kmap_atomic(page);
	void *p = get_buf(atomic ? GFP_ATOMIC : GFP_KERNEL);
	kunmap_atomic(a);
	return p;
}
// CHECK: gfp.c:[[@LINE-8]]:9: warning: 'kmalloc' may sleep (its GFP flags allow direct reclaim); called inside the kmap_atomic() section of 'a'

void *flags_under_spinlock(struct page *page) {
	void *p;
	char *a = kmap_local_page(page);
	preempt_disable();
	p = kmalloc(16, GFP_NOFS | __GFP_ZERO);
	preempt_enable();
	kunmap_local(a);
	return p;
}
// CHECK: gfp.c:[[@LINE-5]]:6: warning: 'kmalloc' may sleep (its GFP flags allow direct reclaim); called with preemption disabled

/* Negatives: flags without __GFP_DIRECT_RECLAIM do not sleep. */
void no_reclaim(struct page *page, void **out) {
	char *a = kmap_atomic(page);
	out[0] = kmalloc(8, GFP_ATOMIC);
	out[1] = kzalloc(8, GFP_NOWAIT);
	out[2] = alloc_page(GFP_ATOMIC | __GFP_ZERO);
	out[3] = kmem_cache_alloc(cache, GFP_NOWAIT);
	out[4] = mempool_alloc(pool, GFP_ATOMIC);
	out[5] = get_buf(GFP_ATOMIC);
	kunmap_atomic(a);
}

/* Outside atomic context any flags are fine. */
void *kernel_outside(struct page *page) {
	char *a = kmap_local_page(page);
	void *p = kmalloc(8, GFP_KERNEL);
	kunmap_local(a);
	return p;
}

/* Flags the path does not know: not judged, counted. */
void *unknown_flags(struct page *page, gfp_t gfp) {
	char *a = kmap_atomic(page);
	void *p = kmalloc(8, gfp);
	kunmap_atomic(a);
	return p;
}
// STATS: kmapcheck: stats: 1 allocation(s) in atomic context whose GFP flags are not constant on the path (not judged there)
