// RUN: not %kmapcheck --quiet --checks=-*,pagefault-balance %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

int early_return(void *dst, const void __user *src) {
	pagefault_disable();
	if (__copy_from_user_inatomic(dst, src, 8))
		return -EFAULT;
	pagefault_enable();
	return 0;
}
// CHECK: balance.c:[[@LINE-4]]:3: warning: 'early_return' returns with page faults disabled on this path (depth 1) [pagefault-balance]
// CHECK: balance.c:[[@LINE-7]]:2: note: page faults disabled here
// CHECK: note: assuming '__copy_from_user_inatomic(dst, src, 8)' is true

void enable_only(void) {
	pagefault_enable();
}
// CHECK: balance.c:[[@LINE-2]]:2: warning: 'pagefault_enable' enables page faults without a matching disable on this path

void atomic_without_unmap(struct page *p) {
	char *a = kmap_atomic(p);
	a[0] = 0;
}
// CHECK: balance.c:[[@LINE-1]]:1: warning: 'atomic_without_unmap' returns with page faults disabled on this path (depth 1)
// CHECK: note: disabled implicitly by the kmap_atomic() of 'a'

/* Negatives: a helper that enables for its caller; balanced paths. */
static void helper_enable(void) { pagefault_enable(); }
void caller(void) {
	pagefault_disable();
	helper_enable();
}
void balanced(struct page *p) {
	char *a = kmap_atomic(p);
	a[0] = 0;
	kunmap_atomic(a);
}
