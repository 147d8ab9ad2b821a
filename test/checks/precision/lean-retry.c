// A function that maps and hits the node bound (--max-nodes) before it
// reached one of its map or unmap calls is analysed again, lean: helpers that reach no modeled call, no call through a pointer
// and no function without a body (bit tests, flag accessors) are evaluated
// without their bodies, with 4 times the budget. fs/isofs/compress.c
// zisofs_uncompress_block() is the real shape: its cursor unmaps were past
// the bound. A helper that only reads through its arguments gives the same
// value for the same arguments until that memory is written, so conditions
// that test it twice stay correlated (copy_flagged() stays silent).
// RUN: not %kmapcheck --quiet --checks=*,-kmap-deprecated-api --max-nodes=400 %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --stats --checks=*,-kmap-deprecated-api --max-nodes=400 %s -- %mock_highmem 2>&1 | FileCheck --check-prefix=STATS %s
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: uncompress
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: copy_flagged
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: inode_by_name
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: find_entry
// STATS: kmapcheck: stats: bound hit: {{.*}}lean-retry.c: early_pair
// STATS: kmapcheck: stats: 4 function(s) that map or unmap analysed again lean after hitting the bound
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

/* --- silent: a pointer helper keeps its provenance (fs/nilfs2/dir.c) ---
 * nilfs_find_entry() walks the entries of a kmap()ed page with
 * nilfs_next_entry() and returns one of them; its caller tests IS_ERR() on
 * it and then unmaps the page. The entry points into the mapping, so it is
 * never an error value: helpers that return a pointer stay inlined in the
 * lean run. */
#include <linux/err.h>

struct dirent {
	unsigned short rec_len;
	unsigned char name_len;
	unsigned long ino;
};
struct page *read_dir_page(void *dir, unsigned long n);

static inline struct dirent *next_entry(struct dirent *p)
{
	return (struct dirent *)((char *)p + p->rec_len);
}

static inline int entry_match(int len, struct dirent *de)
{
	if (len != de->name_len)
		return 0;
	return de->ino != 0;
}

static void *get_dir_page(void *dir, unsigned long n, struct page **pagep)
{
	struct page *page = read_dir_page(dir, n);

	if (IS_ERR(page))
		return page;
	*pagep = page;
	return kmap(page);
}

static struct dirent *find_entry(void *dir, int len, unsigned long npages,
				 struct bh **bhs, struct page **res)
{
	unsigned long n = 0;
	struct page *page = 0;
	struct dirent *de;

	read_batch2(4, bhs);
	do {
		char *kaddr = get_dir_page(dir, n, &page);

		if (IS_ERR(kaddr))
			return (struct dirent *)kaddr;
		de = (struct dirent *)kaddr;
		kaddr += 4096 - 16;
		while ((char *)de <= kaddr) {
			if (de->rec_len == 0) {
				kunmap(page);
				return ERR_PTR(-5);
			}
			if (entry_match(len, de))
				goto found;
			de = next_entry(de);
		}
		kunmap(page);
	} while (++n < npages);
	return ERR_PTR(-2);
found:
	*res = page;
	return de;
}

int inode_by_name(void *dir, int len, unsigned long npages, struct bh **bhs,
		  unsigned long *ino)
{
	struct dirent *de;
	struct page *page;

	de = find_entry(dir, len, npages, bhs, &page);
	if (IS_ERR(de))
		return PTR_ERR(de);
	*ino = de->ino;
	kunmap(page);
	return 0;
}

/* --- not analysed again: the first run reached every map and unmap ---
 * The bound is spent after the mapping's section; a second run could only
 * see the same calls again (lib/iov_iter.c has 14 such functions). */
int early_pair(struct page *page, struct bh **bhs)
{
	char *p = kmap_local_page(page);
	int v = p[0];

	kunmap_local(p);
	read_batch2(4, bhs);
	read_batch2(4, bhs);
	read_batch2(4, bhs);
	read_batch2(4, bhs);
	return v;
}
