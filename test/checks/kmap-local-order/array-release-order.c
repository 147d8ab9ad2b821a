// Arrays of mappings: mapped in a forward loop, released in a reverse loop
// is correct; released in a forward loop is out of order.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order,kmap-leak %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order,kmap-leak %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

void map_reverse(struct page **pages, char **addrs, int n) {
	int i;

	for (i = 0; i < n; i++)
		addrs[i] = kmap_local_page(pages[i]);
	for (i = n - 1; i >= 0; i--)
		kunmap_local(addrs[i]);
}

#define NR_SRC 4
void xor_blocks(struct page **src, struct page *dst, unsigned int n) {
	void *ptrs[NR_SRC + 1];
	int i;

	if (n > NR_SRC)
		n = NR_SRC;
	ptrs[0] = kmap_local_page(dst);
	for (i = 0; i < n; i++)
		ptrs[i + 1] = kmap_local_page(src[i]);
	for (i = n; i >= 0; i--)
		kunmap_local(ptrs[i]);
}

void map_forward_release(struct page **pages) {
	char *a[3];
	int i;

	for (i = 0; i < 3; i++)
		a[i] = kmap_local_page(pages[i]);
	for (i = 0; i < 3; i++)
		kunmap_local(a[i]);
}
// CHECK: array-release-order.c:[[@LINE-2]]:3: warning: 'a[i]' released while 'a[i]' is the most recent local mapping; local mappings must be released in reverse order [kmap-local-order]

void map_forward_release_n(struct page **pages, char **addrs, int n) {
	int i;

	for (i = 0; i < n; i++)
		addrs[i] = kmap_local_page(pages[i]);
	for (i = 0; i < n; i++)
		kunmap_local(addrs[i]);
}
// CHECK: array-release-order.c:[[@LINE-2]]:3: warning: 'addrs[i]' released while 'addrs[i]' is the most recent local mapping; local mappings must be released in reverse order [kmap-local-order]
