// Precision: a TU-local helper that reaches no modeled call decides both the
// map and the unmap (the shape of drivers/acpi/osl.c's should_use_kmap() in
// acpi_map() and acpi_unmap()). The helper is inlined, so its two calls agree
// on a path: no leak, no mismatch.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
// The same helper without a body in the TU: its two calls need not agree.
// RUN: not %kmapcheck --quiet --checks=kmap-leak %s -- %mock_highmem -DNO_BODY | FileCheck %s
// CHECK: warning: mapping of 'virt' is still live when 'read_page' returns [kmap-leak]
#include <linux/highmem.h>

void *ioremap_range(unsigned long pfn);
void iounmap_range(void *addr);
int read_first(void *addr);

#ifdef NO_BODY
int should_use_kmap(unsigned long pfn);
#else
static int should_use_kmap(unsigned long pfn) {
	return pfn > 0x1000;
}
#endif

int read_page(struct page *page, unsigned long pfn) {
	void *virt;
	int v;

	if (should_use_kmap(pfn))
		virt = kmap(page);
	else
		virt = ioremap_range(pfn);
	v = read_first(virt);
	if (should_use_kmap(pfn))
		kunmap(page);
	else
		iounmap_range(virt);
	return v;
}
