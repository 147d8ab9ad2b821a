/* Wrappers of the highmem API in a file of their own: each one maps,
 * unmaps or changes a depth every time it runs, so its summary says so. */
#include <linux/highmem.h>

struct holder {
	void *addr;
};

void *buf_map(struct page *page)
{
	return kmap_local_page(page);
}

void buf_unmap(void *addr)
{
	kunmap_local(addr);
}

void *buf_map_atomic(struct page *page)
{
	void *p = kmap_atomic(page);
	return p;
}

void buf_unmap_atomic(void *addr)
{
	kunmap_atomic(addr);
}

void faults_begin(void)
{
	pagefault_disable();
}

void faults_end(void)
{
	pagefault_enable();
}

/* Not summarised: it maps only when the fast path fails, */
void *buf_map_maybe(struct page *page, int fast)
{
	if (fast)
		return NULL;
	return kmap_local_page(page);
}

/* unmaps an address of its own, */
void buf_release(struct holder *h)
{
	kunmap_local(h->addr);
}

/* and maps and unmaps in itself (nothing changes for the caller). */
int buf_peek(struct page *page)
{
	char *p = kmap_local_page(page);
	int v = p[0];

	kunmap_local(p);
	return v;
}

/* Assignments are summarised by name: req_swap() writes req::buf, so a
 * caller's r->buf is not the mapping it stored any more; req_count()
 * writes only req::len. */
struct req {
	char *buf;
	char *spare;
	int len;
};

void req_swap(struct req *r)
{
	r->buf = r->spare;
}

void req_count(struct req *r)
{
	r->len++;
}

/* fpu_begin() disables preemption every time; fpu_end() enables it only
 * when it was given a request, so its summary cannot say what it does. */
void fpu_begin(void)
{
	preempt_disable();
}

void fpu_end(struct req *r)
{
	if (!r)
		return;
	preempt_enable();
}
