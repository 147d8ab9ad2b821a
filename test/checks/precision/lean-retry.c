// A function that maps and hits the node bound (--max-nodes) is analysed
// again, lean: helpers that reach no modeled call, no call through a pointer
// and no function without a body (bit tests, flag accessors) are evaluated
// without their bodies, with 4 times the budget. fs/isofs/compress.c
// zisofs_uncompress_block() is the real shape: its cursor unmaps were past
// the bound. A helper that only reads through its arguments gives the same
// value for the same arguments until that memory is written, so conditions
// that test it twice stay correlated (copy_flagged() stays silent).
// RUN: not %kmapcheck --quiet --max-nodes=400 %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --stats --max-nodes=400 %s -- %mock_highmem 2>&1 | FileCheck --check-prefix=STATS %s
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: uncompress
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: copy_flagged
// STATS: kmapcheck: stats: 2 function(s) that map or unmap analysed again lean after hitting the bound
// RUN: not %kmapcheck --max-nodes=99 %s 2>&1 | FileCheck --check-prefix=BAD %s
// BAD: kmapcheck: error: --max-nodes expects at least 100, not 99
#include <linux/highmem.h>
#include <linux/zlib.h>

struct bh {
	unsigned long state;
	char *data;
};

static inline int instrument_read(const volatile void *p) { return 1; }
static inline int const_bit(long nr, const volatile unsigned long *addr)
{
	instrument_read(addr);
	return 1UL & (addr[nr / 64] >> (nr % 64));
}
static inline int var_bit(long nr, const volatile unsigned long *addr)
{
	return const_bit(nr, addr) != 0;
}
static inline int test_bit(long nr, const volatile unsigned long *addr)
{
	return __builtin_constant_p(nr) ? const_bit(nr, addr) : var_bit(nr, addr);
}
static inline int bh_uptodate(struct bh *b) { return test_bit(0, &b->state); }
static inline int bh_locked(struct bh *b) { return test_bit(2, &b->state); }
static inline int bh_new(struct bh *b) { return test_bit(3, &b->state); }
static inline int page_flag(struct page *p)
{
	return test_bit(5, (unsigned long *)p);
}
void submit(struct bh *b);
void wait_bh(struct bh *b);

static void read_batch(int nr, struct bh **bhs)
{
	int i;

	for (i = 0; i < nr; i++) {
		struct bh *b = bhs[i];

		if (bh_uptodate(b))
			continue;
		if (bh_locked(b))
			continue;
		if (bh_new(b))
			continue;
		submit(b);
	}
}

int uncompress(z_stream *stream, struct bh **bhs, int nr, struct page **pages,
	       int pcount, unsigned poffset)
{
	int curpage = 0, curbh = 0, zerr = Z_OK;

	read_batch(nr, bhs);
	read_batch(nr, bhs);
	if (!bh_uptodate(bhs[0]) || bh_locked(bhs[0]))
		return -5;
	stream->avail_out = 0;
	while (curpage < pcount && curbh < nr && zerr != Z_STREAM_END) {
		if (!stream->avail_out) {
			stream->next_out = kmap_local_page(pages[curpage]) + poffset;
			stream->avail_out = PAGE_SIZE - poffset;
			poffset = 0;
		}
		if (!stream->avail_in) {
			if (!bh_uptodate(bhs[curbh]) || bh_new(bhs[curbh]))
				break;
			stream->next_in = bhs[curbh]->data;
			stream->avail_in = 512;
		}
		while (stream->avail_out && stream->avail_in) {
			zerr = zlib_inflate(stream, Z_SYNC_FLUSH);
			if (zerr == Z_STREAM_END)
				break;
			if (zerr != Z_OK)
				goto out;
		}
		if (!stream->avail_out) {
			if (bh_locked(bhs[curbh]))
				wait_bh(bhs[curbh]);
			kunmap_local(stream->next_out);
			stream->next_out = NULL;
			curpage++;
		}
		if (!stream->avail_in)
			curbh++;
	}
out:
	if (stream->next_out)
		kunmap_local(stream->next_out);
	return curpage;
}
// CHECK: lean-retry.c:[[@LINE-12]]:4: warning: 'kunmap_local' given 'stream->next_out', which can point 4096 bytes past the start of mapping 'stream->next_out', outside the mapped page: zlib_inflate() advances it [kmap-unmap-mismatch]
// CHECK: lean-retry.c:[[@LINE-4]]:3: warning: 'kunmap_local' given 'stream->next_out', which can point 4096 bytes past the start of mapping 'stream->next_out', outside the mapped page: zlib_inflate() advances it [kmap-unmap-mismatch]

/* --- silent: a flag tested twice through a read-only helper --- */

static void read_batch2(int nr, struct bh **bhs)
{
	int i;

	for (i = 0; i < nr; i++) {
		if (bh_uptodate(bhs[i]))
			continue;
		if (bh_locked(bhs[i]))
			continue;
		submit(bhs[i]);
	}
}

int copy_flagged(struct bh **bhs, int nr, struct page *page, char *out)
{
	char *addr = NULL;

	read_batch2(nr, bhs);
	read_batch2(nr, bhs);
	if (page_flag(page))
		addr = kmap_local_page(page);
	read_batch2(nr, bhs);
	if (addr)
		out[0] = addr[0];
	if (page_flag(page))
		kunmap_local(addr);
	return 0;
}
