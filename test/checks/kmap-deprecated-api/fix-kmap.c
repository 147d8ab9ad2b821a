// kmap(p) ... kunmap(p) -> kmap_local_page(p) ... kunmap_local(addr).
// RUN: %check_kmapcheck --recompile-args="%mock_nohighmem" %s kmap-deprecated-api %t -- %mock_highmem
#include <linux/highmem.h>

void zero(struct page *page, size_t off) {
	char *addr = kmap(page);
	// CHECK: [[@LINE-1]]:15: warning: 'kmap' is deprecated
	// CHECK: :[[@LINE+3]]:2: note: the fix-it converts the matching 'kunmap' here to 'kunmap_local'
	memset(addr + off, 0, PAGE_SIZE - off);
	might_sleep(); /* a local mapping may be held across sleeping */
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
}
// FIXED:void zero(struct page *page, size_t off) {
// FIXED-NEXT:	char *addr = kmap_local_page(page);
// FIXED:	kunmap_local(addr);

/* Two mappings, released in reverse order: both convert. */
void copy_pages(struct page *dst, struct page *src) {
	char *d = kmap(dst);
	char *s = kmap(src);
	// CHECK: [[@LINE-2]]:12: warning: 'kmap' is deprecated
	// CHECK: note: the fix-it converts
	// CHECK: [[@LINE-3]]:12: warning: 'kmap' is deprecated
	// CHECK: note: the fix-it converts
	memcpy(d, s, PAGE_SIZE);
	kunmap(src);
	kunmap(dst);
	// CHECK: [[@LINE-2]]:2: warning: 'kunmap' is deprecated
	// CHECK: [[@LINE-2]]:2: warning: 'kunmap' is deprecated
}
// FIXED:	char *d = kmap_local_page(dst);
// FIXED-NEXT:	char *s = kmap_local_page(src);
// FIXED:	kunmap_local(s);
// FIXED-NEXT:	kunmap_local(d);

/* Released on an error path and on the normal path. */
int with_error_path(struct page *page, int fail) {
	char *p = kmap(page);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// CHECK: note: the fix-it converts
	if (fail)
		goto out;
	p[0] = 1;
out:
	kunmap(page);
	// CHECK: [[@LINE-1]]:2: warning: 'kunmap' is deprecated
	return fail;
}
// FIXED:out:
// FIXED-NEXT:	kunmap_local(p);
