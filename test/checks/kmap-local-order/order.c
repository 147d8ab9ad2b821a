// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
// Fix-it: the adjacent unmaps are swapped. All three unmaps are adjacent to
// the one they must follow: all fixed, and the fixed file is clean.
// RUN: %check_kmapcheck %s kmap-local-order %t -- %mock_highmem
#include <linux/highmem.h>

void swapped(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[0];
	kunmap_local(a);
	kunmap_local(b);
}
// CHECK: order.c:[[@LINE-3]]:2: warning: 'a' released while 'b' is the most recent local mapping; local mappings must be released in reverse order [kmap-local-order]
// CHECK: order.c:[[@LINE-7]]:12: note: mapping of 'a' created here
// CHECK: order.c:[[@LINE-7]]:12: note: mapping of 'b' created here
// FIXED:	b[0] = a[0];
// FIXED-NEXT:	kunmap_local(b);
// FIXED-NEXT:	kunmap_local(a);

/* Only on one path: the note shows the branch. */
int on_error_path(struct page *p, struct page *q, int err) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	if (err) {
		kunmap_local(a);
		kunmap_local(b);
		return err;
	}
	kunmap_local(b);
	kunmap_local(a);
	return 0;
}
// CHECK: order.c:[[@LINE-8]]:3: warning: 'a' released while 'b' is the most recent local mapping
// CHECK: note: mapping of 'a' created here
// CHECK: note: mapping of 'b' created here
// CHECK: order.c:[[@LINE-12]]:6: note: assuming 'err' is true

/* kmap_atomic and kmap_local share the stack. */
void mixed(struct page *p, struct page *q) {
	char *a = kmap_atomic(p);
	char *b = kmap_local_page(q);
	kunmap_atomic(a);
	kunmap_local(b);
}
// CHECK: order.c:[[@LINE-3]]:2: warning: 'a' released while 'b' is the most recent local mapping

/* Negatives: reverse order, nested helpers. */
void good(struct page *p, struct page *q) {
	char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);
	b[0] = a[0];
	kunmap_local(b);
	kunmap_local(a);
}
