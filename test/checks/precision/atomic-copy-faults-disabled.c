// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
/* kmap_atomic + copy_from_user: page faults are disabled on purpose, the
 * copy fails fast and the caller retries. */
int copy_fast(struct page *p, const void __user *u) {
	char *a = kmap_atomic(p);
	unsigned long left = copy_from_user(a, u, 64);
	kunmap_atomic(a);
	return left ? -EFAULT : 0;
}
static DEFINE_SPINLOCK(lk);
int copy_under_lock_faults_off(char *dst, const void __user *u) {
	unsigned long left;
	spin_lock(&lk);
	pagefault_disable();
	left = copy_from_user(dst, u, 64);
	pagefault_enable();
	spin_unlock(&lk);
	return left ? -EFAULT : 0;
}
