// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
static void end_atomic_copy(void) { pagefault_enable(); preempt_enable(); }
int copy_page_atomic(struct page *p, const void __user *u) {
	char *a;
	int left;
	preempt_disable();
	pagefault_disable();
	a = kmap_local_page(p);
	left = __copy_from_user_inatomic(a, u, 64);
	kunmap_local(a);
	end_atomic_copy();
	return left;
}
