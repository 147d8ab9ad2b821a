// Which locks a page fault takes is data (taken_by_page_faults in
// rules/locks/): mmap_lock by default; a rules directory can declare
// another, or declare mmap_lock again without it.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-missing-pagefault-disable %s -- %mock_highmem | FileCheck --check-prefix=DEFAULT %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-missing-pagefault-disable --rules-dir %S/Inputs/fault-lock %s -- %mock_highmem | FileCheck --check-prefixes=DEFAULT,DECLARED %s --implicit-check-not=warning:
// RUN: %kmapcheck --quiet --checks=-*,kmap-local-missing-pagefault-disable --rules-dir %S/Inputs/no-fault-lock %s -- %mock_highmem | count 0
#include <linux/highmem.h>
#include <linux/uaccess.h>

struct mm_struct;
void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
void fs_fault_lock(void);
void fs_fault_unlock(void);

int under_mmap_lock(struct mm_struct *mm, struct page *page,
		    const void __user *src) {
	void *kaddr;
	unsigned long ret;
	mmap_read_lock(mm);
	kaddr = kmap_local_page(page);
	ret = copy_from_user(kaddr, src, PAGE_SIZE);
	kunmap_local(kaddr);
	mmap_read_unlock(mm);
	return ret ? -ENOENT : 0;
}
// DEFAULT: fault-locks.c:[[@LINE-5]]:8: warning: 'copy_from_user' may fault while this path holds mmap_lock (the fault takes it again); it must fail fast, but the kmap_local section of 'kaddr' does not disable page faults

int under_fs_lock(struct page *page, const void __user *src) {
	void *kaddr;
	unsigned long ret;
	fs_fault_lock();
	kaddr = kmap_local_page(page);
	ret = copy_from_user(kaddr, src, PAGE_SIZE);
	kunmap_local(kaddr);
	fs_fault_unlock();
	return ret ? -ENOENT : 0;
}
// DECLARED: fault-locks.c:[[@LINE-5]]:8: warning: 'copy_from_user' may fault while this path holds fs_fault_lock (the fault takes it again); it must fail fast, but the kmap_local section of 'kaddr' does not disable page faults
