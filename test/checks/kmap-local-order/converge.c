// One --fix run puts a whole run of adjacent unmaps in reverse order of
// mapping; a second run changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/converge.c
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order --fix %t/converge.c -- %mock_highmem > /dev/null 2> %t/err.txt
// RUN: FileCheck --check-prefix=FIXED --match-full-lines --strict-whitespace --input-file=%t/converge.c %s
// RUN: count 0 < %t/err.txt
// RUN: cp %t/converge.c %t/once.c
// RUN: %kmapcheck --quiet --checks=-*,kmap-local-order --fix %t/converge.c -- %mock_highmem | count 0
// RUN: diff %t/once.c %t/converge.c
// RUN: %clang -fsyntax-only %mock_highmem %t/converge.c
#include <linux/highmem.h>

void three(struct page *p, struct page *q, struct page *r) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	char *c = kmap_local_page(r);
	c[0] = b[0] + a[0];
	kunmap_local(a);
	kunmap_local(b);
	kunmap_local(c);
}
// FIXED:	c[0] = b[0] + a[0];
// FIXED-NEXT:	kunmap_local(c);
// FIXED-NEXT:	kunmap_local(b);
// FIXED-NEXT:	kunmap_local(a);

void four(struct page *p, struct page *q, struct page *r, struct page *s) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	char *c = kmap_local_page(r);
	char *d = kmap_local_page(s);
	d[0] = c[0] + b[0] + a[0];
	kunmap_local(b);
	kunmap_local(d);
	kunmap_local(a);
	kunmap_local(c);
}
// FIXED:	d[0] = c[0] + b[0] + a[0];
// FIXED-NEXT:	kunmap_local(d);
// FIXED-NEXT:	kunmap_local(c);
// FIXED-NEXT:	kunmap_local(b);
// FIXED-NEXT:	kunmap_local(a);
