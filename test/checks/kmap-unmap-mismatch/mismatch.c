// RUN: not %kmapcheck --quiet --checks=-*,kmap-unmap-mismatch %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

void atomic_then_local(struct page *page) {
	char *a = kmap_atomic(page);
	a[1] = 0;
	kunmap_local(a);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: kmap_atomic() mapping of 'a' released with 'kunmap_local': page faults and preemption stay disabled [kmap-unmap-mismatch]
// CHECK: note: mapping of 'a' created here

void local_then_atomic(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_atomic(a);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: kmap_local_page() mapping of 'a' released with 'kunmap_atomic': it enables page faults and preemption that were never disabled

void kmap_then_local(struct page *page) {
	char *a = kmap(page);
	kunmap_local(a);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: kmap() mapping of 'a' released with 'kunmap_local': a kmap() mapping is released with kunmap(page)

void local_then_kunmap(struct page *page) {
	char *a = kmap_local_page(page);
	a[0] = 1;
	kunmap(page);
	kunmap_local(a);
}
// CHECK: mismatch.c:[[@LINE-3]]:2: warning: 'kunmap' of a page mapped with kmap_local_page(); release it with kunmap_local('a')

void kunmap_addr(struct page *page) {
	char *a = kmap(page);
	kunmap((struct page *)a);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: 'kunmap' takes the page, not the mapped address 'a'

void double_unmap(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a);
	kunmap_local(a);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: double unmap of 'a'
// CHECK: note: mapping of 'a' created here
// CHECK: note: 'a' first released here

void past_page(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a + PAGE_SIZE);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: 'kunmap_local' given an address 4096 bytes from the start of 'a', outside the mapped page

void not_a_mapping(void) {
	char buf[16];
	kunmap_local(buf);
}
// CHECK: mismatch.c:[[@LINE-2]]:2: warning: 'kunmap_local' given the address of a variable, which no map returned

/* Negatives: any address inside the page; an unknown address. */
void interior(struct page *page, size_t off) {
	char *a = kmap_local_page(page);
	kunmap_local(a + 100);
}
void interior_symbolic(struct page *page, size_t off) {
	char *a = kmap_local_page(page);
	kunmap_local(a + (off & (PAGE_SIZE - 1)));
}
void param(void *addr) { kunmap_local(addr); }
