// RUN: not %kmapcheck --quiet --checks=-*,kmap-stack-depth %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-stack-depth --check-option=kmap-stack-depth.KM_MAX_IDX=2 %s -- %mock_highmem | FileCheck --check-prefix=TWO %s --implicit-check-not=warning:
#include <linux/highmem.h>

void seventeen(struct page **p) {
	char *a[17];
	int i;
	for (i = 0; i < 17; i++)
		a[i] = kmap_local_page(p[i]);
	for (i = 16; i >= 0; i--)
		kunmap_local(a[i]);
}
// CHECK: depth.c:[[@LINE-4]]:10: warning: 17 live local mappings on this path; the per-task stack holds KM_MAX_IDX (16) [kmap-stack-depth]
// TWO: depth.c:[[@LINE-5]]:10: warning: 3 live local mappings on this path; the per-task stack holds KM_MAX_IDX (2)

void three(struct page *p, struct page *q, struct page *r) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	char *c = kmap_local_page(r);
	kunmap_local(c);
	kunmap_local(b);
	kunmap_local(a);
}
// TWO: depth.c:[[@LINE-5]]:12: warning: 3 live local mappings on this path
