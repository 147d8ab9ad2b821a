// A mapping keeps its identity through what holds it (a variable, a field,
// an integer with an offset) and through the page expression given to the
// map, across calls without a body: they are assumed not to change them.
// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>

struct hw_desc { unsigned long meta; int len; };
void hw_op(struct hw_desc *x);

/* The address kept as an integer with an offset in a struct whose address
 * an opaque call receives. */
void do_desc(struct page *md, unsigned long off) {
	struct hw_desc x;

	x.meta = (unsigned long)kmap_atomic(md) + off;
	x.len = 64;
	hw_op(&x);
	kunmap_atomic((void *)(x.meta - off));
}

/* The page re-read after a call that receives its container. */
struct req { struct page **pages; int n; };
int parse(struct req *r, void *buf);
int read_req(struct req *req) {
	void *buf = kmap(*req->pages);
	int err = parse(req, buf);

	if (err) {
		kunmap(*req->pages);
		return err;
	}
	kunmap(*req->pages);
	return 0;
}

/* A mapping held in a field of a caller's object across opaque calls. */
struct stream { unsigned char *next_out; unsigned int avail_out; };
int hw_compress(struct stream *s);
int compress_page(struct stream *s, struct page *out) {
	int ret;

	s->next_out = kmap_local_page(out);
	s->avail_out = PAGE_SIZE;
	ret = hw_compress(s);
	kunmap_local(s->next_out);
	return ret;
}

/* Two mappings, one in a local array element, across an opaque call. */
void hw_copy(void **v, int n);
void copy_two(struct page *a, struct page *b) {
	void *v[2];

	v[0] = kmap_local_page(a);
	v[1] = kmap_local_page(b);
	hw_copy(v, 2);
	kunmap_local(v[1]);
	kunmap_local(v[0]);
}
