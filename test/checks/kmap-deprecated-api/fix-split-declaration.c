// kmap_atomic -> kmap_local_page when the section relies on page faults or
// preemption being disabled already in the initializer of a declaration
// after the map: 'T v = E;' is split into 'T v;' (in its place, so the
// declarations stay before the statements) and 'v = E;' after the inserted
// disable, with every later initializer of the run, in order.
// RUN: %check_kmapcheck --recompile-args="-Werror=declaration-after-statement %mock_highmem" --recompile-args="%mock_nohighmem" %s kmap-deprecated-api %t -- %mock_highmem
#include <linux/highmem.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

/* The shape --explain kmap-deprecated-api prints. */
int fill(struct page *page, const void __user *src) {
	char *kaddr = kmap_atomic(page);
	unsigned long left = __copy_from_user_inatomic(kaddr, src, PAGE_SIZE);
	// CHECK: [[@LINE-2]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK: :[[@LINE+2]]:2: note: the fix-it converts the matching 'kunmap_atomic' here to 'kunmap_local'
	// CHECK: :[[@LINE-3]]:23: note: '__copy_from_user_inatomic' relies on page faults being disabled, which 'kmap_atomic' implied; the fix-it keeps them disabled with pagefault_disable()/pagefault_enable()
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: converted by the fix-it of the mapping created here
	return left ? -EFAULT : 0;
}
// FIXED:int fill(struct page *page, const void __user *src) {
// FIXED-NEXT:	char *kaddr = kmap_local_page(page);
// FIXED-NEXT:	unsigned long left;
// FIXED-NEXT:	pagefault_disable();
// FIXED-NEXT:	left = __copy_from_user_inatomic(kaddr, src, PAGE_SIZE);
// FIXED:	pagefault_enable();
// FIXED-NEXT:	kunmap_local(kaddr);

/* A declaration before the one that relies stays as it is; the later ones
 * with an initializer move too, in order; one without stays. */
int later_ones(struct page *page, const void __user *src, int n) {
	char *kaddr = kmap_atomic(page);
	int len = n * 2;
	unsigned long left = __copy_from_user_inatomic(kaddr, src, len);
	int failed = left != 0;
	char first;
	// CHECK: [[@LINE-5]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: note: '__copy_from_user_inatomic' relies on page faults being disabled
	first = kaddr[0];
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	return failed ? -EFAULT : first;
}
// FIXED:int later_ones(struct page *page, const void __user *src, int n) {
// FIXED-NEXT:	char *kaddr = kmap_local_page(page);
// FIXED-NEXT:	int len = n * 2;
// FIXED-NEXT:	unsigned long left;
// FIXED-NEXT:	int failed;
// FIXED-NEXT:	char first;
// FIXED-NEXT:	pagefault_disable();
// FIXED-NEXT:	left = __copy_from_user_inatomic(kaddr, src, len);
// FIXED-NEXT:	failed = left != 0;
// FIXED:	first = kaddr[0];
// FIXED-NEXT:	pagefault_enable();
// FIXED-NEXT:	kunmap_local(kaddr);

/* Preemption: a per-CPU read in an initializer. */
int cpu_of(struct page *page) {
	int *p = kmap_atomic(page);
	int cpu = smp_processor_id();
	// CHECK: [[@LINE-2]]:11: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: note: 'smp_processor_id' relies on preemption being disabled
	*p = cpu;
	kunmap_atomic(p);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	return cpu;
}
// FIXED:int cpu_of(struct page *page) {
// FIXED-NEXT:	int *p = kmap_local_page(page);
// FIXED-NEXT:	int cpu;
// FIXED-NEXT:	preempt_disable();
// FIXED-NEXT:	cpu = smp_processor_id();
// FIXED:	*p = cpu;
// FIXED-NEXT:	preempt_enable();
// FIXED-NEXT:	kunmap_local(p);
