// A call evaluated without inlining (here: past the inlining depth) changes
// only what its body can write. xz_dec_run() advances b->out_pos, never
// b->out: the mapping in b->out is the same after it, and releasing it out
// of order is reported. inflate_body() advances strm->next_out: after it,
// kunmap_local(strm->next_out) is not known to release that mapping, and
// nothing is reported about the mappings it may release (--stats counts it).
// (The kernel's zlib_inflate() has a rules/api 'advances' entry instead:
// test/checks/kmap-unmap-mismatch/cursor.c.)
// RUN: not %kmapcheck --stats --checks=-*,kmap-local-order,kmap-leak %s -- %mock_highmem 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
// CHECK-DAG: kmapcheck: stats: 1 unmap(s) whose mapping could not be told on some path (not judged there)

struct xz_buf { unsigned char *out; unsigned long out_pos; unsigned long out_size; };
struct z_stream { unsigned char *next_out; unsigned int avail_out; unsigned long total_out; };

int xz_dec_run(struct xz_buf *b) {
	while (b->out_pos < b->out_size)
		b->out[b->out_pos++] = 0;
	return 0;
}
int inflate_body(struct z_stream *strm) {
	while (strm->avail_out) {
		*strm->next_out++ = 0;
		strm->avail_out--;
		strm->total_out++;
	}
	return 0;
}

/* Three frames of wrappers: the decoder is called past the inlining depth. */
static int xz_step3(struct xz_buf *b) { return xz_dec_run(b); }
static int xz_step2(struct xz_buf *b) { return xz_step3(b); }
static int xz_step1(struct xz_buf *b) { return xz_step2(b); }
static int zl_step3(struct z_stream *s) { return inflate_body(s); }
static int zl_step2(struct z_stream *s) { return zl_step3(s); }
static int zl_step1(struct z_stream *s) { return zl_step2(s); }

int xz_page(struct page *out, struct page *tmp) {
	struct xz_buf b;
	char *t = kmap_local_page(tmp);
	int ret;

	b.out = kmap_local_page(out);
	b.out_pos = 0;
	b.out_size = PAGE_SIZE;
	t[0] = 0;
	ret = xz_step1(&b);
	kunmap_local(t);
	kunmap_local(b.out);
	return ret;
}
// CHECK: callee-writes.c:[[@LINE-4]]:2: warning: 't' released while 'b.out' is the most recent local mapping; local mappings must be released in reverse order [kmap-local-order]

int zlib_page(struct page *out, struct page *tmp) {
	struct z_stream strm;
	char *t = kmap_local_page(tmp);
	int ret;

	strm.next_out = kmap_local_page(out);
	strm.avail_out = PAGE_SIZE;
	t[0] = 0;
	ret = zl_step1(&strm);
	kunmap_local(strm.next_out);
	kunmap_local(t);
	return ret;
}
