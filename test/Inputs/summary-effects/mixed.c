/* Maps itself and through buf.c's wrappers: analysed in the first pass,
 * before buf.c's summaries are known, and again with them. */
#include <linux/highmem.h>
#include <linux/sched.h>

void *buf_map(struct page *page);
void buf_unmap(void *addr);
void *buf_map_atomic(struct page *page);
void buf_unmap_atomic(void *addr);

void mixed_order(struct page *a, struct page *b)
{
	char *x = kmap_local_page(a);
	char *y = buf_map(b);

	kunmap_local(x);
	buf_unmap(y);
}

void mixed_sleep(struct page *page)
{
	char *p = buf_map_atomic(page);

	msleep(1);
	p[0] = 0;
	buf_unmap_atomic(p);
}

struct req {
	char *buf;
	char *spare;
	int len;
};
void req_swap(struct req *r);
void req_count(struct req *r);

void mixed_swap(struct req *r, struct page *p)
{
	r->buf = kmap_local_page(p);
	req_swap(r);
	kunmap_local(r->buf);
}

void mixed_count(struct req *r, struct page *p, struct page *q)
{
	char *a = kmap_local_page(q);

	r->buf = kmap_local_page(p);
	req_count(r);
	kunmap_local(a);
	kunmap_local(r->buf);
}
