// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

int copy_it(char *dst);

int leak_on_error(struct page *page) {
	char *a = kmap_local_page(page);
	if (copy_it(a) < 0)
		return -EFAULT;
	kunmap_local(a);
	return 0;
}
// CHECK: leak.c:[[@LINE-4]]:3: warning: mapping of 'a' is still live when 'leak_on_error' returns [kmap-leak]
// CHECK: leak.c:[[@LINE-7]]:12: note: mapping of 'a' created here
// CHECK: leak.c:[[@LINE-7]]:6: note: assuming 'copy_it(a) < 0' is true

void kmap_never_unmapped(struct page *page) {
	char *a = kmap(page);
	a[0] = 0;
}
// CHECK: leak.c:[[@LINE-1]]:1: warning: mapping of 'a' is still live when 'kmap_never_unmapped' returns

void atomic_leak(struct page *page, int x) {
	char *a = kmap_atomic(page);
	if (x)
		return;
	kunmap_atomic(a);
}
// CHECK: leak.c:[[@LINE-3]]:3: warning: mapping of 'a' is still live when 'atomic_leak' returns

/* Negatives: goto unwinding, returned mapping, out-parameter. */
int unwind(struct page *p, struct page *q) {
	int ret = -EFAULT;
	char *a = kmap_local_page(p);
	char *b;
	if (copy_it(a) < 0)
		goto out_a;
	b = kmap_local_page(q);
	if (copy_it(b) < 0)
		goto out_b;
	ret = 0;
out_b:
	kunmap_local(b);
out_a:
	kunmap_local(a);
	return ret;
}

void *mapper(struct page *p) { return kmap_local_page(p); }
void out_param(struct page *p, void **out) { *out = kmap_local_page(p); }

/* A path ending in a call that does not return is no return. */
#define BUG() do { __builtin_unreachable(); } while (0)
#define BUG_ON(c) do { if (unlikely(c)) BUG(); } while (0)
void bug_on_in_section(struct page *page, unsigned long offset) {
	unsigned char *map = kmap_atomic(page) + (offset & (PAGE_SIZE - 1));
	BUG_ON(*map == 0);
	*map -= 1;
	kunmap_atomic(map);
}
