// An unmap given a cursor derived from the mapping that can lie outside the
// page (issue 11 point 1): a callee advanced it (a bodiless one whose
// rules/api entry says so, or a TU-local one whose body the engine follows),
// or the offset's range reaches PAGE_SIZE. Cursors that provably stay inside
// the page, cursors reset to the base, and the saved base stay silent.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-unmap-mismatch %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/zlib.h>

#define PAGE_MASK (~(PAGE_SIZE - 1))

struct page *next_page(void *info);

/* kernel/module/decompress.c's shape: a page per round, inflated into. */
int gzip_pages(void *info) {
	z_stream s;
	int rc;
	long new_size = 0;

	do {
		struct page *page = next_page(info);

		s.next_out = kmap_local_page(page);
		s.avail_out = PAGE_SIZE;
		rc = zlib_inflate(&s, 0);
		kunmap_local(s.next_out);
		new_size += PAGE_SIZE - s.avail_out;
	} while (rc == Z_OK);
	return new_size;
}
// CHECK: cursor.c:[[@LINE-5]]:3: warning: 'kunmap_local' given 's.next_out', which can point 4096 bytes past the start of mapping 's.next_out', outside the mapped page: zlib_inflate() advances it [kmap-unmap-mismatch]
// CHECK: note: mapping of 's.next_out' created here
// CHECK: note: zlib_inflate() advances 's.next_out' by up to 's.avail_out' bytes here

/* fs/isofs/compress.c's shape: a window that starts at an offset and ends at
 * the page's end, unmapped once the page is full. */
int fill_pages(z_stream *stream, struct page **pages, int pcount,
	       unsigned poffset) {
	int curpage = 0, zerr = Z_OK;

	stream->avail_out = 0;
	while (curpage < pcount && zerr != Z_STREAM_END) {
		if (!stream->avail_out) {
			stream->next_out = kmap_local_page(pages[curpage]) + poffset;
			stream->avail_out = PAGE_SIZE - poffset;
			poffset = 0;
		}
		while (stream->avail_out && stream->avail_in) {
			zerr = zlib_inflate(stream, Z_SYNC_FLUSH);
			if (zerr != Z_OK)
				break;
		}
		if (!stream->avail_out) {
			kunmap_local(stream->next_out);
			curpage++;
		}
		if (zerr != Z_OK)
			break;
	}
	return curpage;
}
// CHECK: cursor.c:[[@LINE-8]]:4: warning: 'kunmap_local' given 'stream->next_out', which can point 4096 bytes past the start of mapping 'stream->next_out', outside the mapped page: zlib_inflate() advances it
// CHECK: note: mapping of 'stream->next_out' created here
// CHECK: note: zlib_inflate() advances 'stream->next_out' by up to 'stream->avail_out' bytes here

/* zlib_deflate() advances the output cursor the same way. */
int deflate_page(z_stream *strm, struct page *page) {
	int rc;

	strm->next_out = kmap_local_page(page);
	strm->avail_out = PAGE_SIZE;
	rc = zlib_deflate(strm, Z_SYNC_FLUSH);
	kunmap_local(strm->next_out);
	return rc;
}
// CHECK: cursor.c:[[@LINE-3]]:2: warning: 'kunmap_local' given 'strm->next_out', which can point 4096 bytes past the start of mapping 'strm->next_out', outside the mapped page: zlib_deflate() advances it
// CHECK: note: mapping of 'strm->next_out' created here
// CHECK: note: zlib_deflate() advances 'strm->next_out' by up to 'strm->avail_out' bytes here

/* A TU-local callee advances the cursor: the engine follows its body. */
struct out {
	char *pos;
	unsigned avail;
};
static void emit(struct out *o, const char *src, unsigned n) {
	if (n > o->avail)
		n = o->avail;
	memcpy(o->pos, src, n);
	o->pos += n;
	o->avail -= n;
}
void emit_page(struct page *page, const char *src, unsigned n) {
	struct out o;

	o.pos = kmap_local_page(page);
	o.avail = PAGE_SIZE;
	emit(&o, src, n);
	kunmap_local(o.pos);
}
// CHECK: cursor.c:[[@LINE-2]]:2: warning: 'kunmap_local' given 'o.pos', which can point 4096 bytes past the start of mapping 'o.pos', outside the mapped page: emit() advances it
// CHECK: note: mapping of 'o.pos' created here
// CHECK: note: 'o->pos' advanced here

/* fs/hfsplus/bnode.c's shape: base + off where off is in [1, PAGE_SIZE]. */
void move_tail(struct page **pages, unsigned int src, unsigned int len) {
	struct page **src_page;
	char *src_ptr;

	src += len - 1;
	src_page = pages + (src >> PAGE_SHIFT);
	src = (src & ~PAGE_MASK) + 1;
	src_ptr = kmap_local_page(*src_page) + src;
	memset(src_ptr - len, 0, len);
	kunmap_local(src_ptr);
}
// CHECK: cursor.c:[[@LINE-2]]:2: warning: 'kunmap_local' given 'src_ptr', which can point 4096 bytes past the start of mapping 'src_ptr', outside the mapped page: the offset's range reaches the page size
// CHECK: note: mapping of 'src_ptr' created here

/* Negatives. */

/* The page is not full on this path: the cursor is inside it. */
int inflate_partial(z_stream *strm, struct page *page) {
	int rc;

	strm->next_out = kmap_local_page(page);
	strm->avail_out = PAGE_SIZE;
	rc = zlib_inflate(strm, 0);
	if (strm->avail_out)
		kunmap_local(strm->next_out);
	return rc;
}

/* The cursor is moved back to the base before the unmap. */
int inflate_rewind(z_stream *strm, struct page *page) {
	int rc;

	strm->next_out = kmap_local_page(page);
	strm->avail_out = PAGE_SIZE;
	rc = zlib_inflate(strm, 0);
	strm->next_out -= PAGE_SIZE - strm->avail_out;
	kunmap_local(strm->next_out);
	return rc;
}

/* The saved base is unmapped, not the cursor. */
int inflate_saved_base(z_stream *strm, struct page *page) {
	void *base = kmap_local_page(page);
	int rc;

	strm->next_out = base;
	strm->avail_out = PAGE_SIZE;
	rc = zlib_inflate(strm, 0);
	kunmap_local(base);
	return rc;
}

/* A window that ends before the page's end. */
int inflate_short_window(z_stream *strm, struct page *page) {
	int rc;

	strm->next_out = kmap_local_page(page);
	strm->avail_out = PAGE_SIZE - 64;
	rc = zlib_inflate(strm, 0);
	kunmap_local(strm->next_out);
	return rc;
}

/* xz_dec_run() advances b->out_pos only (no rules/api entry says it moves
 * b->out). */
int xz_page(struct xz_dec *xz, struct xz_buf *b, struct page *page) {
	int rc;

	b->out = kmap_local_page(page);
	b->out_pos = 0;
	b->out_size = PAGE_SIZE;
	rc = xz_dec_run(xz, b);
	kunmap_local(b->out);
	return rc;
}

/* An offset whose range is not known: silent. */
void unknown_offset(struct page *page, unsigned long off) {
	char *p = kmap_local_page(page) + off;

	p[0] = 0;
	kunmap_local(p);
}

/* An offset provably inside the page. */
void masked_offset(struct page *page, unsigned long off) {
	char *p = kmap_local_page(page) + (off & ~PAGE_MASK);

	p[0] = 0;
	kunmap_local(p);
}

/* A TU-local callee that leaves one byte: the cursor stays inside. */
static void emit_but_one(struct out *o, const char *src, unsigned n) {
	if (n >= o->avail)
		n = o->avail - 1;
	memcpy(o->pos, src, n);
	o->pos += n;
	o->avail -= n;
}
void emit_page_but_one(struct page *page, const char *src, unsigned n) {
	struct out o;

	o.pos = kmap_local_page(page);
	o.avail = PAGE_SIZE;
	emit_but_one(&o, src, n);
	kunmap_local(o.pos);
}

/* A cursor a TU-local body moved by an amount with no known bound: not
 * judged, and --stats counts it. */
static void emit_any(struct out *o, const char *src, unsigned n) {
	memcpy(o->pos, src, n);
	o->pos += n;
}
void emit_page_any(struct page *page, const char *src, unsigned n) {
	struct out o;

	o.pos = kmap_local_page(page);
	emit_any(&o, src, n);
	kunmap_local(o.pos);
}
// RUN: not %kmapcheck --stats --checks=-*,kmap-unmap-mismatch %s -- %mock_highmem 2>&1 | FileCheck --check-prefix=STATS %s
// STATS: kmapcheck: stats: 1 unmap(s) given a moved cursor whose reach could not be bounded on some path (not judged there)
