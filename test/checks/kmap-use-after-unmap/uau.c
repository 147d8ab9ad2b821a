// RUN: not %kmapcheck --quiet --checks=-*,kmap-use-after-unmap %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

int read_after(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a);
	return a[3];
}
// CHECK: uau.c:[[@LINE-2]]:9: warning: 'a' is used after its mapping was released [kmap-use-after-unmap]
// CHECK: uau.c:[[@LINE-5]]:12: note: mapping of 'a' created here
// CHECK: uau.c:[[@LINE-5]]:2: note: 'a' released here

void derived(struct page *page, int x) {
	char *a = kmap_atomic(page);
	char *p = a + 8;
	kunmap_atomic(a);
	if (x)
		*p = 1;
}
// CHECK: uau.c:[[@LINE-2]]:3: warning: 'a' is used after its mapping was released
// CHECK: note: assuming 'x' is true

int good(struct page *page) {
	char *a = kmap_local_page(page);
	int v = a[3];
	kunmap_local(a);
	return v;
}
