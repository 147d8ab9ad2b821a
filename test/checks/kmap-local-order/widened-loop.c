// A loop between the maps and the unmaps forgets only what its body can
// write: a page-sized word loop (widened, not unrolled) writes d[i] and i,
// never d or s, so the out-of-order unmaps after it are still reported.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
// A loop that advances the address itself loses it: that unmap is not
// judged (never a guess), and --stats counts it.
// RUN: not %kmapcheck --stats --checks=-*,kmap-local-order,kmap-leak %s -- %mock_highmem 2>&1 | FileCheck %s --check-prefix=STATS
#include <linux/highmem.h>

void xor_pages(struct page *dp, struct page *sp) {
	unsigned long *d = kmap_local_page(dp);
	unsigned long *s = kmap_local_page(sp);
	unsigned long i;

	for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
		d[i] ^= s[i];
	kunmap_local(d);
	kunmap_local(s);
}
// CHECK: widened-loop.c:[[@LINE-3]]:2: warning: 'd' released while 's' is the most recent local mapping; local mappings must be released in reverse order [kmap-local-order]

struct xor_ctx { unsigned long *dst; unsigned long *src; };
void xor_ctx_pages(struct xor_ctx *x, struct page *dp, struct page *sp) {
	unsigned long i;

	x->dst = kmap_local_page(dp);
	x->src = kmap_local_page(sp);
	for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
		x->dst[i] ^= x->src[i];
	kunmap_local(x->dst);
	kunmap_local(x->src);
}
// CHECK: widened-loop.c:[[@LINE-3]]:2: warning: 'x->dst' released while 'x->src' is the most recent local mapping

/* Correct order: silent. */
void xor_ok(struct page *dp, struct page *sp) {
	unsigned long *d = kmap_local_page(dp);
	unsigned long *s = kmap_local_page(sp);
	unsigned long i;

	for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
		d[i] ^= s[i];
	kunmap_local(s);
	kunmap_local(d);
}

/* The loop advances d: after it the engine cannot tell which mapping
 * kunmap_local(d) releases; neither unmap nor a leak is reported. */
void advance_d(struct page *dp, struct page *sp) {
	unsigned long *d = kmap_local_page(dp);
	unsigned long *s = kmap_local_page(sp);
	unsigned long i;

	for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
		*d++ ^= s[i];
	kunmap_local(d);
	kunmap_local(s);
}
// STATS: kmapcheck: stats: 1 unmap(s) whose mapping could not be told on some path (not judged there)
// STATS: widened-loop.c:{{.*}}'d' released while 's' is the most recent
// STATS: widened-loop.c:{{.*}}'x->dst' released while 'x->src' is the most recent
// STATS-NOT: warning:
