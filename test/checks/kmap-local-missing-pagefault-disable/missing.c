// RUN: %check_kmapcheck %s kmap-local-missing-pagefault-disable %t -- %mock_highmem
#include <linux/highmem.h>

/* The 2022 userfaultfd/shmem shape: the copy must fail fast so the caller
 * can drop the mapping and retry with faults enabled. */
int mcopy_atomic_pte(struct page *page, const void __user *src) {
	void *page_kaddr = kmap_local_page(page);
	int ret;

	ret = __copy_from_user_inatomic(page_kaddr, src, PAGE_SIZE);
	kunmap_local(page_kaddr);
	return ret ? -ENOENT : 0;
}
// CHECK: missing.c:[[@LINE-4]]:8: warning: '__copy_from_user_inatomic' relies on page faults being disabled to fail fast, but the kmap_local section of 'page_kaddr' does not disable page faults; add pagefault_disable()/pagefault_enable() [kmap-local-missing-pagefault-disable]
// CHECK: note: mapping of 'page_kaddr' created here
// FIXED:	pagefault_disable();
// FIXED-NEXT:	ret = __copy_from_user_inatomic(page_kaddr, src, PAGE_SIZE);
// FIXED-NEXT:	pagefault_enable();
// FIXED-NEXT:	kunmap_local(page_kaddr);

/* Negative: the fixed form. */
int fixed(struct page *page, const void __user *src) {
	void *page_kaddr = kmap_local_page(page);
	int ret;

	pagefault_disable();
	ret = __copy_from_user_inatomic(page_kaddr, src, PAGE_SIZE);
	pagefault_enable();
	kunmap_local(page_kaddr);
	return ret ? -ENOENT : 0;
}

/* The userfaultfd mcopy shape: a plain copy that may fault while the
 * caller holds mmap_lock; its failure is handled by retrying outside. */
struct mm_struct;
void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
static int mcopy(struct page *page, const void __user *src) {
	void *kaddr = kmap_local_page(page);
	unsigned long ret;
	ret = copy_from_user(kaddr, src, PAGE_SIZE);
	kunmap_local(kaddr);
	return ret ? -ENOENT : 0;
}
int uffd_copy(struct mm_struct *mm, struct page *page, const void __user *src) {
	int err;
	mmap_read_lock(mm);
	err = mcopy(page, src);
	mmap_read_unlock(mm);
	return err;
}
// CHECK: missing.c:[[@LINE-11]]:8: warning: 'copy_from_user' may fault while this path holds mmap_lock (the fault takes it again); it must fail fast, but the kmap_local section of 'kaddr' does not disable page faults
// FIXED:	unsigned long ret;
// FIXED-NEXT:	pagefault_disable();
// FIXED-NEXT:	ret = copy_from_user(kaddr, src, PAGE_SIZE);
// FIXED-NEXT:	pagefault_enable();
