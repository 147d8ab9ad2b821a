// The shape of fs/hfsplus/bnode.c hfs_bnode_move() in 6.1 (written for this
// test): a node is an array of pages; a backwards move maps the source and
// the destination page of each step separately. Where the offsets into the
// two pages are equal, the pages differ (the move is backwards by whole
// pages) and memmove() of equal offsets is harmless anyway; where they
// differ, the two pages may be one page, and memmove() cannot see the
// overlap.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-alias-memmove %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-alias-memmove %s -- %mock_highmem -DFORTIFY | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-alias-memmove %s -- %mock_highmem -DKASAN | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

#ifdef FORTIFY
// FORTIFY_SOURCE: a statement expression around the builtin.
#define __underlying_memmove __builtin_memmove
#define memmove(p, q, s) ({ size_t __sz = (s); __underlying_memmove(p, q, __sz); })
#endif
#ifdef KASAN
// KASAN, uninstrumented files: the unchecked copy.
void *__memmove(void *dst, const void *src, size_t n);
#undef memmove
#define memmove(d, s, n) __memmove(d, s, n)
#endif

#define PAGE_MASK (~(PAGE_SIZE - 1))
#define min(a, b) ((a) < (b) ? (a) : (b))

struct tnode {
	struct page *page[8];
	unsigned int page_offset;
};

void tnode_move(struct tnode *node, int dst, int src, int len)
{
	struct page **src_page, **dst_page;
	void *src_ptr, *dst_ptr;
	int l;

	src += node->page_offset;
	dst += node->page_offset;
	if (dst <= src)
		return;
	src += len - 1;
	src_page = node->page + (src >> PAGE_SHIFT);
	src = (src & ~PAGE_MASK) + 1;
	dst += len - 1;
	dst_page = node->page + (dst >> PAGE_SHIFT);
	dst = (dst & ~PAGE_MASK) + 1;

	if (src == dst) {
		while (src < len) {
			dst_ptr = kmap_local_page(*dst_page);
			src_ptr = kmap_local_page(*src_page);
			memmove(dst_ptr, src_ptr, src);
			kunmap_local(src_ptr);
			kunmap_local(dst_ptr);
			len -= src;
			src = PAGE_SIZE;
			src_page--;
			dst_page--;
		}
		src -= len;
		dst_ptr = kmap_local_page(*dst_page);
		src_ptr = kmap_local_page(*src_page);
		memmove(dst_ptr + src, src_ptr + src, len);
		kunmap_local(src_ptr);
		kunmap_local(dst_ptr);
	} else {
		do {
			dst_ptr = kmap_local_page(*dst_page) + dst;
			src_ptr = kmap_local_page(*src_page) + src;
			if (src < dst) {
				l = src;
				src = PAGE_SIZE;
				dst -= l;
			} else {
				l = dst;
				src -= l;
				dst = PAGE_SIZE;
			}
			l = min(len, l);
			memmove(dst_ptr - l, src_ptr - l, l);
			kunmap_local(src_ptr);
			kunmap_local(dst_ptr);
			if (dst == PAGE_SIZE)
				dst_page--;
			else
				src_page--;
		} while ((len -= l));
	}
}
// CHECK: bnode-move.c:[[@LINE-10]]:4: warning: memmove() between two local mappings of pages that may be the same ('dst_ptr' and 'src_ptr'): each mapping has its own address, so memmove() cannot see an overlap [kmap-alias-memmove]
// CHECK: note: mapping of 'dst_ptr' created here
// CHECK: note: mapping of 'src_ptr' created here
