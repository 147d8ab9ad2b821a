// memmove() between two local mappings of pages that may be one page.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-alias-memmove %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-alias-memmove %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

// Two pages the caller chose: they may be one page.
void move_bytes(struct page *dpage, unsigned int doff, struct page *spage,
		unsigned int soff, unsigned int len)
{
	char *dst = kmap_local_page(dpage);
	char *src = kmap_local_page(spage);

	memmove(dst + doff, src + soff, len);
	kunmap_local(src);
	kunmap_local(dst);
}
// CHECK: alias.c:[[@LINE-4]]:2: warning: memmove() between two local mappings of pages that may be the same ('dst' and 'src'): each mapping has its own address, so memmove() cannot see an overlap [kmap-alias-memmove]
// CHECK: alias.c:[[@LINE-8]]:14: note: mapping of 'dst' created here
// CHECK: alias.c:[[@LINE-8]]:14: note: mapping of 'src' created here

// One page, mapped twice: certainly two addresses.
void shift_right(struct page *page, unsigned int len)
{
	char *dst = kmap_local_page(page);
	char *src = kmap_local_page(page);

	memmove(dst + 1, src, len);
	kunmap_local(src);
	kunmap_local(dst);
}
// CHECK: alias.c:[[@LINE-4]]:2: warning: memmove() between two local mappings of the same page ('dst' and 'src')

// kmap_atomic() takes a slot of its own too; a kmap() and a local mapping
// of one page have two addresses as well.
void atomic_move(struct page *dpage, struct page *spage, unsigned int len)
{
	char *dst = kmap_atomic(dpage);
	char *src = kmap_atomic(spage);

	memmove(dst, src + 8, len);
	kunmap_atomic(src);
	kunmap_atomic(dst);
}
// CHECK: alias.c:[[@LINE-4]]:2: warning: memmove() between two local mappings of pages that may be the same ('dst' and 'src')

void mixed_move(struct page *dpage, struct page *spage, unsigned int len)
{
	char *dst = kmap(dpage);
	char *src = kmap_local_page(spage);

	memmove(dst, src + 8, len);
	kunmap_local(src);
	kunmap(dpage);
}
// CHECK: alias.c:[[@LINE-4]]:2: warning: memmove() between two local mappings of pages that may be the same ('dst' and 'src')

// The equality test decides the other way: the pages may be equal here.
void wrong_test(struct page *dpage, struct page *spage, unsigned int len)
{
	char *dst, *src;

	if (dpage != spage)
		return;
	dst = kmap_local_page(dpage);
	src = kmap_local_page(spage);
	memmove(dst, src + 4, len);
	kunmap_local(src);
	kunmap_local(dst);
}
// CHECK: alias.c:[[@LINE-4]]:2: warning: memmove() between two local mappings of the same page ('dst' and 'src')

// --- silent ---

// The path established that the pages differ.
void checked_move(struct page *dpage, struct page *spage, unsigned int len)
{
	char *dst, *src;

	if (dpage == spage)
		return;
	dst = kmap_local_page(dpage);
	src = kmap_local_page(spage);
	memmove(dst, src + 4, len);
	kunmap_local(src);
	kunmap_local(dst);
}

// One mapping serves both when the pages are one; memcpy() otherwise.
void one_map(struct page *dpage, unsigned int doff, struct page *spage,
	     unsigned int soff, unsigned int len)
{
	char *dst, *src;

	if (dpage == spage) {
		dst = kmap_local_page(dpage);
		memmove(dst + doff, dst + soff, len);
		kunmap_local(dst);
		return;
	}
	dst = kmap_local_page(dpage);
	src = kmap_local_page(spage);
	memcpy(dst + doff, src + soff, len);
	kunmap_local(src);
	kunmap_local(dst);
}

// Equal offsets: on one page the copy is a range onto itself.
void same_offset(struct page *dpage, struct page *spage, unsigned int off,
		 unsigned int len)
{
	char *dst = kmap_local_page(dpage);
	char *src = kmap_local_page(spage);

	memmove(dst, src, len);
	memmove(dst + off, src + off, len);
	kunmap_local(src);
	kunmap_local(dst);
}

// A mapping and a buffer of the function's own.
void to_buffer(struct page *page, unsigned int len)
{
	char buf[64];
	char *src = kmap_local_page(page);

	memmove(buf, src + 1, len);
	memmove(src, src + 1, len);
	kunmap_local(src);
}

// kmap() of one page returns one address.
void global_maps(struct page *dpage, struct page *spage, unsigned int len)
{
	char *dst = kmap(dpage);
	char *src = kmap(spage);

	memmove(dst, src + 1, len);
	kunmap(spage);
	kunmap(dpage);
}

// One mapping released before the copy: another check's business.
