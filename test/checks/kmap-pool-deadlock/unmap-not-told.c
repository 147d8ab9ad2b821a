// The shape of net/sunrpc/xdr.c xdr_xcode_array2(): a kmap() of the page a
// computed index selects, its kunmap() through the same pointer, then the
// next page's kmap(). When the engine cannot tell which mapping that
// kunmap() releases (the page read through a symbolic index), it may be
// the one held: the next kmap() is not judged against it (--stats counts
// the unmap). A kmap() while a mapping is surely held is still reported.
// RUN: %kmapcheck --quiet --stats --checks=-*,kmap-pool-deadlock %s -- %mock_highmem 2>%t.err | count 0
// RUN: FileCheck %s --check-prefix=STATS < %t.err
// RUN: not %kmapcheck --quiet --checks=-*,kmap-pool-deadlock %s -- %mock_highmem -DSTILL_HELD | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

void use(char *c);

void walk_pages(struct page **pages, unsigned int first, int more)
{
	struct page **pp = pages + first;
	char *c = kmap(*pp);
	use(c);
#ifndef STILL_HELD
	kunmap(*pp);
#endif
	if (more) {
		pp++;
		c = kmap(*pp);
		use(c);
		kunmap(*pp);
	}
}
// CHECK: unmap-not-told.c:[[@LINE-5]]:7: warning: 'kmap' while this path holds the kmap() mapping of 'c'
// STATS: kmapcheck: stats: {{[1-9][0-9]*}} unmap(s) whose mapping could not be told on some path (not judged there)
