// The shape of net/sunrpc/xdr.c xdr_xcode_array2(): the page array pointer
// is set only on one branch, the mapping is made through it, and the
// cleanup unmaps under 'if (ppages)'. A pointer the code has dereferenced
// (kmap(*ppages)) is not null afterwards, so the path where the mapping is
// live and ppages is null does not exist. A mapping that really is left
// behind (the unmap under another test) is still reported.
// RUN: %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_highmem -DOTHER_TEST | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

struct xbuf {
	struct page **pages;
	unsigned int page_len;
};

int xcode(void *c);

int decode_array(struct xbuf *b, unsigned int base, int flags)
{
	struct page **ppages = NULL;
	char *c;
	int err;

	if (base < b->page_len) {
		ppages = b->pages + (base >> 12);
		c = kmap(*ppages) + (base & 4095);
		err = xcode(c);
		if (err)
			goto out;
	}
	err = 0;
out:
#ifndef OTHER_TEST
	if (ppages)
#else
	if (flags)
#endif
		kunmap(*ppages);
	return err;
}
// CHECK: dereferenced-not-null.c:[[@LINE-2]]:2: warning: mapping of 'c' is still live when 'decode_array' returns [kmap-leak]
