// RUN: rm -rf %t && mkdir -p %t && cp %s %t/missing.c
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-missing-pagefault-disable --fix %t/missing.c -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck --check-prefix=FIXED --match-full-lines --strict-whitespace --input-file=%t/missing.c %s
// RUN: %kmapcheck --quiet --checks=-*,kmap-local-missing-pagefault-disable %t/missing.c -- %mock_highmem | count 0
// RUN: %clang -fsyntax-only %mock_highmem %t/missing.c
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
// CHECK: missing.c:[[@LINE-4]]:8: warning: '__copy_from_user_inatomic' relies on page faults being disabled to fail fast, but the kmap_local section of 'page_kaddr' does not disable them; add pagefault_disable()/pagefault_enable() [kmap-local-missing-pagefault-disable]
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
