// Mappings stored in memory the caller can see (escaped), then an opaque
// call forgets where: an unmap of an lvalue the engine no longer resolves
// may release either mapping, so the order of the next unmap is not judged
// (btrfs finish_parity_scrub() in 6.1: P and Q kept in rbio->finish_pointers,
// indexed by fields re-read after calls).
// RUN: %kmapcheck --quiet --checks=-*,kmap-local-order %s -- %mock_highmem | FileCheck %s --allow-empty --implicit-check-not=warning:
// RUN: %kmapcheck --stats --checks=-*,kmap-local-order %s -- %mock_highmem 2>&1 | FileCheck %s --check-prefix=STATS
#include <linux/highmem.h>

struct rbio {
	void **finish_pointers;
	unsigned long dbitmap;
	int nr_data;
	int real_stripes;
};

void find_bits(unsigned long *bits);

void finish_scrub(struct rbio *rbio, struct page *p, struct page *q)
{
	void **pointers = rbio->finish_pointers;
	void *qaddr = kmap_local_page(q);

	pointers[rbio->real_stripes - 1] = qaddr;
	pointers[rbio->nr_data] = kmap_local_page(p);
	find_bits(&rbio->dbitmap);
	kunmap_local(pointers[rbio->nr_data]);
	kunmap_local(qaddr);
}
// STATS: 1 unmap(s) whose mapping could not be told
