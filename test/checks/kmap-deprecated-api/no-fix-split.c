// When the section relies on page faults being disabled in a declaration
// after the map that cannot be split into a declaration and an assignment,
// there is no fix-it, and the note gives that reason.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-deprecated-api %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/uaccess.h>

int is_const(struct page *page, const void __user *src) {
	char *kaddr = kmap_atomic(page);
	const unsigned long left = __copy_from_user_inatomic(kaddr, src, 8);
	// CHECK: [[@LINE-2]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK-NEXT: {{^}}	char *kaddr = kmap_atomic(page);
	// CHECK: [[@LINE-4]]:16: note: no fix-it: cannot insert pagefault_disable() after 'kmap_atomic': the section relies on it in the declaration of 'left', which cannot be split into a declaration and an assignment: 'left' is const
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it: cannot insert pagefault_disable()
	return left ? -EFAULT : 0;
}

int several(struct page *page, const void __user *src) {
	char *kaddr = kmap_atomic(page);
	unsigned long left = __copy_from_user_inatomic(kaddr, src, 8), more = 0;
	// CHECK: [[@LINE-2]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: cannot insert pagefault_disable() after 'kmap_atomic': the section relies on it in the declaration of 'left', which cannot be split into a declaration and an assignment: it declares several variables
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it
	return left + more ? -EFAULT : 0;
}

struct result {
	unsigned long left;
};
int list(struct page *page, const void __user *src) {
	char *kaddr = kmap_atomic(page);
	struct result r = {__copy_from_user_inatomic(kaddr, src, 8)};
	// CHECK: [[@LINE-2]]:16: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: cannot insert pagefault_disable() after 'kmap_atomic': the section relies on it in the declaration of 'r', which cannot be split into a declaration and an assignment: its initializer is a list
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it
	return r.left ? -EFAULT : 0;
}

int in_the_mapping_statement(struct page *page, const void __user *src) {
	char *kaddr;
	unsigned long left;
	kaddr = kmap_atomic(page), left = __copy_from_user_inatomic(kaddr, src, 8);
	// CHECK: [[@LINE-1]]:10: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: cannot insert pagefault_disable() after 'kmap_atomic': the section relies on it in the statement that maps
	kunmap_atomic(kaddr);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it
	return left ? -EFAULT : 0;
}
