// A local mapping's address stored where other tasks can see it and left
// there when the mapping is released.
// By default the global and the object a lookup returned (accept_conn(),
// irdma_accept()'s shape) are reported; the stores through arguments are
// counted in --stats (that memory is often the caller's stack).
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-escape %s -- %mock_highmem | FileCheck --check-prefix=GLOBAL %s --implicit-check-not=warning:
// RUN: not %kmapcheck --stats --checks=-*,kmap-local-escape %s -- %mock_highmem 2>&1 | FileCheck --check-prefix=STATS %s
// STATS: kmapcheck: stats: kmap-local-escape: 4 site(s) not judged on some path
// With ReportArgumentMemory, they are reported too.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-escape --check-option=kmap-local-escape.ReportArgumentMemory=true %s -- %mock_highmem | FileCheck %s --check-prefixes=CHECK,GLOBAL --implicit-check-not=warning:
#include <linux/highmem.h>

struct qp {
	void *sq_base;
	int size;
};
struct qp *lookup_qp(int id);
void send_frame(struct qp *qp, int len);
static char *last_buf;

// The shape of irdma_accept(): the address goes into a shared object,
// an opaque call uses it, the mapping is released, the field still holds it.
int accept_conn(int id, struct page *page, int len)
{
	struct qp *qp = lookup_qp(id);

	if (page)
		qp->sq_base = kmap_local_page(page);
	send_frame(qp, len);
	if (page)
		kunmap_local(qp->sq_base);
	return 0;
}
// GLOBAL: store.c:[[@LINE-6]]:3: warning: the address of local mapping 'qp->sq_base' is stored to 'qp->sq_base' (memory reachable from an argument or the heap), where other tasks can see it, and is left there when the mapping is released; a local mapping is valid only in the task that made it [kmap-local-escape]
// GLOBAL: store.c:[[@LINE-7]]:17: note: mapping of 'qp->sq_base' created here
// GLOBAL: store.c:[[@LINE-5]]:3: note: 'qp->sq_base' released here while its address is still stored there

// A global.
void fill_global(struct page *page)
{
	char *p = kmap_local_page(page);

	last_buf = p;
	p[0] = 1;
	kunmap_local(p);
}
// GLOBAL: store.c:[[@LINE-4]]:2: warning: the address of local mapping 'p' is stored to 'last_buf' (a global)

// Through an argument, by an inlined helper; kmap_atomic() too.
static void remember(struct qp *qp, void *addr)
{
	qp->sq_base = addr;
}

void fill_arg(struct qp *qp, struct page *page)
{
	char *p = kmap_atomic(page);

	remember(qp, p);
	kunmap_atomic(p);
}
// CHECK: store.c:[[@LINE-10]]:2: warning: the address of local mapping 'p' is stored to 'qp->sq_base' (memory reachable from an argument or the heap)

// --- silent ---

// Cleared before the unmap.
void cleared_first(struct qp *qp, struct page *page)
{
	char *p = kmap_local_page(page);

	qp->sq_base = p;
	send_frame(qp, 1);
	qp->sq_base = NULL;
	kunmap_local(p);
}

// Cleared right after the unmap, before the function returns.
void cleared_after(struct qp *qp, struct page *page)
{
	char *p = kmap_local_page(page);

	qp->sq_base = p;
	send_frame(qp, 1);
	kunmap_local(p);
	qp->sq_base = NULL;
}

// A struct of the function's own, used synchronously.
struct walk {
	char *addr;
	int len;
};
static void walk_fill(struct walk *w)
{
	w->addr[0] = (char)w->len;
}
void local_struct(struct page *page)
{
	struct walk w;

	w.addr = kmap_local_page(page);
	w.len = 3;
	walk_fill(&w);
	memcpy(w.addr + 1, w.addr, 2);
	kunmap_local(w.addr);
}

// Memory the function allocated itself is its own.
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *p);
void scratch(struct page *page)
{
	char **ptrs = kzalloc(2 * sizeof(char *), GFP_KERNEL);

	ptrs[0] = kmap_local_page(page);
	ptrs[0][1] = 2;
	kunmap_local(ptrs[0]);
	kfree(ptrs);
}

// Stored and handed to the caller with the mapping live (an iterator): the
// unmap is elsewhere.
void iter_next(struct qp *qp, struct page *page)
{
	qp->sq_base = kmap_atomic(page);
}

// kmap() addresses are valid in every task.
void global_kmap(struct page *page)
{
	last_buf = kmap(page);
	kunmap(page);
}
