// Where a conversion is not provably equivalent: no fix-it, and a note says
// why. --fix changes nothing.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/nofix.c
// RUN: not %kmapcheck --quiet --checks=-*,kmap-deprecated-api --fix %t/nofix.c -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: diff %s %t/nofix.c
#include <linux/highmem.h>

char *global_addr;
struct holder { char *addr; };
struct scatterlist;

char *returned(struct page *page) {
	char *a = kmap(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// CHECK: :[[@LINE-2]]:12: note: no fix-it: no kunmap() of this page in the same function; map and unmap must be converted together
	return a;
}

void unmapped_elsewhere(struct page *page) {
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it: no kmap() of this page in this function keeps its address in a local variable
}

void stored_global(struct page *page) {
	char *a = kmap(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// CHECK: :[[@LINE+1]]:16: note: no fix-it: the address is stored to 'global_addr', which outlives the function
	global_addr = a + 8;
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it: the address is stored to 'global_addr'
}

void stored_in_struct(struct page *page, struct holder *h) {
	char *a = kmap(page);
	char *alias = a;
	// CHECK: [[@LINE-2]]:12: warning: 'kmap' is deprecated
	// CHECK: note: no fix-it: the address is stored to 'h->addr'
	h->addr = alias;
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
}

void handed_to_sg(struct page *page, struct scatterlist *sg) {
	char *a = kmap(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// CHECK: note: no fix-it: the address is handed to 'sg_set_buf', which keeps it
	sg_set_buf(sg, a, 16);
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
}

void not_kept(struct page *page) {
	kmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kmap' is deprecated
	// CHECK: note: no fix-it: the address is not kept in a local variable, and kunmap_local() needs it
	((char *)page_address(page))[0] = 0;
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
}

/* Converting would unmap out of stack order with the local mapping. */
void crossing(struct page *a, struct page *b) {
	char *x = kmap(a);
	char *y = kmap_local_page(b);
	// CHECK: [[@LINE-2]]:12: warning: 'kmap' is deprecated
	// CHECK: note: no fix-it: kunmap_local() would release the mappings out of stack order with the local mapping at line [[@LINE-2]]
	x[0] = y[0];
	kunmap(a);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
	kunmap_local(y);
}

void page_changes(struct page **pages, int n) {
	struct page *page = pages[0];
	char *x = kmap(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// CHECK: :[[@LINE+2]]:7: note: no fix-it: the page expression may change between the kmap() and the kunmap()
	x[0] = 0;
	page = pages[n];
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
}

void addr_modified(struct page *page) {
	char *x = kmap_atomic(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: 'x' is also modified at line [[@LINE+1]]
	x++;
	kunmap_atomic(x);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it
}

void mixed_family(struct page *page) {
	char *x = kmap_atomic(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: 'x' is also released with 'kunmap_local'
	kunmap_local(x);
}

int not_a_statement(struct page *page, const void __user *u) {
	char *x;
	int r;
	if ((x = kmap_atomic(page)) == NULL)
		return -ENOMEM;
	// CHECK: [[@LINE-2]]:11: warning: 'kmap_atomic' is deprecated
	// CHECK: note: no fix-it: cannot insert pagefault_disable() after 'kmap_atomic': the call is not a statement of its own
	r = __copy_from_user_inatomic(x, u, 4);
	kunmap_atomic(x);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap_atomic' is deprecated
	// CHECK: note: no fix-it
	return r;
}

void out_of_scope(struct page *page) {
	{
		char *x = kmap(page);
		// CHECK: [[@LINE-1]]:13: warning: 'kmap' is deprecated
		// CHECK: note: no fix-it: 'x' is not in scope at the kunmap() at line [[@LINE+3]]
		x[0] = 0;
	}
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// CHECK: note: no fix-it
}
