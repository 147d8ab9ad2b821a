// A local mapping's address, or an object that holds it, handed to work
// that runs in another task or context.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-escape %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/workqueue.h>

struct req {
	struct work_struct work;
	struct rcu_head rcu;
	struct completion done;
	char *buf;
	int len;
};
struct req *alloc_req(void);
void consume(char *buf, int len);
static struct workqueue_struct *wq;

// The struct around the work item holds the address.
void submit(struct req *r, struct page *page)
{
	r->buf = kmap_local_page(page);
	r->len = 16;
	queue_work(wq, &r->work);
	wait_for_completion(&r->done);
	kunmap_local(r->buf);
}
// CHECK: handoff.c:[[@LINE-4]]:2: warning: '&r->work' is handed to queue_work() and the object it points into holds the address of local mapping 'r->buf'; that work runs in another task or context, where a local mapping is not valid [kmap-local-escape]
// CHECK: handoff.c:[[@LINE-7]]:11: note: mapping of 'r->buf' created here
// CHECK: handoff.c:[[@LINE-4]]:2: note: 'r->buf' released here

// A struct on the stack, waited for: the worker still runs elsewhere.
void submit_on_stack(struct page *page)
{
	struct req r;

	r.buf = kmap_local_page(page);
	r.len = 8;
	schedule_work(&r.work);
	wait_for_completion(&r.done);
	kunmap_local(r.buf);
}
// CHECK: handoff.c:[[@LINE-4]]:2: warning: '&r.work' is handed to schedule_work() and the object it points into holds the address of local mapping 'r.buf'

// The address itself, to a new thread.
int worker_fn(void *data);
void spawn(struct page *page)
{
	char *p = kmap_local_page(page);

	kthread_run(worker_fn, p, "w");
	kunmap_local(p);
}
// CHECK: handoff.c:[[@LINE-3]]:2: warning: the address of local mapping 'p' is handed to kthread_create_on_node()

// A completion consumer, with the mapping left live (no note at an unmap).
void finish(struct req *r, struct page *page)
{
	r->buf = kmap_atomic(page);
	complete(&r->done);
}
// CHECK: handoff.c:[[@LINE-2]]:2: warning: '&r->done' is handed to complete() and the object it points into holds the address of local mapping 'r->buf'

// --- silent ---

// Synchronous callees.
void sync_use(struct req *r, struct page *page)
{
	char *p = kmap_local_page(page);

	consume(p, 4);
	memcpy(r, p, sizeof(*r));
	kunmap_local(p);
	queue_work(wq, &r->work);
}

// The data is copied out before the hand-off; the page, not the address,
// goes to the worker.
void copy_then_queue(struct req *r, struct page *page)
{
	char *p = kmap_local_page(page);

	r->len = p[0];
	kunmap_local(p);
	queue_work(wq, &r->work);
}
