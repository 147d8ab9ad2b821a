// kmap_atomic -> kmap_local_page, keeping what the section relied on.
// RUN: %check_kmapcheck --recompile-args="-Werror=declaration-after-statement %mock_highmem" --recompile-args="%mock_nohighmem" %s kmap-deprecated-api %t -- %mock_highmem
#include <linux/highmem.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

int copy_inatomic(struct page *page, const void __user *src, size_t len) {
	char *kaddr = kmap_atomic(page);
	unsigned long left;
	// CHECK: [[@LINE-2]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK: :[[@LINE+3]]:2: note: the fix-it converts the matching 'kunmap_atomic' here to 'kunmap_local'
	// CHECK: :[[@LINE+1]]:9: note: '__copy_from_user_inatomic' relies on page faults being disabled, which 'kmap_atomic' implied; the fix-it keeps them disabled with pagefault_disable()/pagefault_enable()
	left = __copy_from_user_inatomic(kaddr, src, len);
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: converted by the fix-it of the mapping created here
	return left ? -EFAULT : 0;
}
// FIXED:int copy_inatomic(struct page *page, const void __user *src, size_t len) {
// FIXED-NEXT:	char *kaddr = kmap_local_page(page);
// FIXED-NEXT:	unsigned long left;
// FIXED-NEXT:	pagefault_disable();
// FIXED:	left = __copy_from_user_inatomic(kaddr, src, len);
// FIXED-NEXT:	pagefault_enable();
// FIXED-NEXT:	kunmap_local(kaddr);

int get_user_in_section(struct page *page, int __user *uptr) {
	int *p = kmap_atomic(page);
	int v, ret;
	// CHECK: [[@LINE-2]]:11: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: :[[@LINE+1]]:8: note: 'get_user' relies on page faults being disabled
	ret = get_user(v, uptr);
	if (!ret)
		*p = v;
	kunmap_atomic(p);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	return ret;
}
// FIXED:int get_user_in_section(struct page *page, int __user *uptr) {
// FIXED-NEXT:	int *p = kmap_local_page(page);
// FIXED-NEXT:	int v, ret;
// FIXED-NEXT:	pagefault_disable();
// FIXED:	pagefault_enable();
// FIXED-NEXT:	kunmap_local(p);

unsigned long counter;
void per_cpu(struct page *page, int early_exit) {
	unsigned long *p = kmap_atomic(page);
	// CHECK: [[@LINE-1]]:21: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: note: the fix-it converts
	// CHECK: :[[@LINE+5]]:3: note: 'this_cpu_inc' relies on preemption being disabled, which 'kmap_atomic' implied; the fix-it keeps it disabled with preempt_disable()/preempt_enable()
	if (early_exit) {
		kunmap_atomic(p);
		return;
	}
		this_cpu_inc(counter);
	*p = smp_processor_id();
	kunmap_atomic(p);
}
// CHECK: [[@LINE-7]]:3: warning: 'kunmap_atomic' is deprecated
// CHECK: [[@LINE-3]]:2: warning: 'kunmap_atomic' is deprecated
// FIXED:void per_cpu(struct page *page, int early_exit) {
// FIXED-NEXT:	unsigned long *p = kmap_local_page(page);
// FIXED-NEXT:	preempt_disable();
// FIXED:		preempt_enable();
// FIXED-NEXT:		kunmap_local(p);
// FIXED-NEXT:		return;
// FIXED:	preempt_enable();
// FIXED-NEXT:	kunmap_local(p);

/* A TU-local helper doing the user copy counts. */
static int helper(void *dst, const void __user *src) {
	return __copy_from_user_inatomic(dst, src, 8) ? -EFAULT : 0;
}
int through_helper(struct page *page, const void __user *src) {
	void *d = kmap_atomic(page);
	int r;
	// CHECK: [[@LINE-2]]:12: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: :[[@LINE+1]]:6: note: 'helper' (through '__copy_from_user_inatomic') relies on page faults being disabled
	r = helper(d, src);
	kunmap_atomic(d);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	return r;
}

/* Nothing relied on: nothing inserted, and a note says so. */
void plain(struct page *page) {
	char *v = kmap_atomic(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap_atomic' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: note: the section relies neither on page faults nor on preemption being disabled; the fix-it inserts no pagefault_disable() or preempt_disable()
	v[0] = 0;
	kunmap_atomic(v);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
}
// FIXED:void plain(struct page *page) {
// FIXED-NEXT:	char *v = kmap_local_page(page);
// FIXED:	v[0] = 0;
// FIXED-NEXT:	kunmap_local(v);
// FIXED:}

/* The address plus an offset (net/core/skbuff.c style). */
void with_offset(struct page *page, size_t offset, int n) {
	char *map;
	int i;

	for (i = 0; i < n; i++) {
		map = kmap_atomic(page) + offset;
		// CHECK: [[@LINE-1]]:9: warning: 'kmap_atomic' is deprecated
		// CHECK: note: the fix-it converts
		// CHECK: note: the section relies neither
		map[i] = 0;
		kunmap_atomic(map);
		// CHECK: [[@LINE-1]]:3: warning: 'kunmap_atomic' is deprecated
	}
}
// FIXED:		map = kmap_local_page(page) + offset;
// FIXED:		kunmap_local(map);
