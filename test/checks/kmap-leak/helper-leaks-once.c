// Static inline helpers from headers that map and unmap, and return the
// address to release, are followed like the TU's own; a leak in a helper is
// reported once, in the helper, not again in every caller that inlined it.
// RUN: not %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem-tail.h>

void zero_tail(struct folio *folio, size_t offset) {
	void *kaddr = kmap_local_folio(folio, offset);

	kaddr = folio_zero_tail(folio, offset, kaddr);
	kunmap_local(kaddr);
}

static void *get_buf(struct page *p, int bad) {
	void *a = kmap_local_page(p);

	if (bad)
		return NULL;
	return a;
}
// CHECK: helper-leaks-once.c:[[@LINE-3]]:3: warning: mapping of 'a' is still live when 'get_buf' returns [kmap-leak]
// CHECK: helper-leaks-once.c:[[@LINE-7]]:12: note: mapping of 'a' created here

int user1(struct page *p, int bad) {
	char *b = get_buf(p, bad);

	if (!b)
		return -1;
	kunmap_local(b);
	return 0;
}
int user2(struct page *p, int bad) {
	char *b = get_buf(p, bad);

	if (!b)
		return -1;
	b[0] = 1;
	kunmap_local(b);
	return 0;
}

/* Handed to the caller through an out-parameter: not the helper's leak. */
static int map_out(struct page *p, void **out) {
	*out = kmap_local_page(p);
	return 0;
}
int user3(struct page *p) {
	void *a;

	map_out(p, &a);
	kunmap_local(a);
	return 0;
}
