// The page size is data (rules/api page_size): with the kernel default,
// 4096, an unmap 4096 bytes into the mapping is past the page; a rules
// directory that declares 64K pages makes it an address inside the page.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-unmap-mismatch %s -- %mock_highmem | FileCheck --check-prefix=PAGE4K %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-unmap-mismatch --rules-dir %S/Inputs/page-64k %s -- %mock_highmem | FileCheck --check-prefix=PAGE64K %s --implicit-check-not=warning:
// A page_size that is no power of two is a positioned error.
// RUN: %expect_exit 2 %kmapcheck --quiet --rules-dir %S/Inputs/page-bad %s -- %mock_highmem 2>&1 | FileCheck --check-prefix=BAD %s
// BAD: page-bad/api/page.yaml:2:12: expected a power of two from 512 to 1073741824 (bytes) for 'page_size'
#include <linux/highmem.h>

void at_4095(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a + 4095);
}

void at_4096(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a + 4096);
}
// PAGE4K: page-size.c:[[@LINE-2]]:2: warning: 'kunmap_local' given an address 4096 bytes from the start of 'a', outside the mapped page

void at_65536(struct page *page) {
	char *a = kmap_local_page(page);
	kunmap_local(a + 65536);
}
// PAGE4K: page-size.c:[[@LINE-2]]:2: warning: 'kunmap_local' given an address 65536 bytes from the start of 'a', outside the mapped page
// PAGE64K: page-size.c:[[@LINE-3]]:2: warning: 'kunmap_local' given an address 65536 bytes from the start of 'a', outside the mapped page
