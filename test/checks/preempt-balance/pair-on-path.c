// The shape of kernel/events/ring_buffer.c perf_output_begin(): the begin
// half returns 0 with preemption disabled (its handle keeps it), and on its
// error path enables again before returning -ENOSPC. perf_output_end() is
// the other half. A pair half is judged by what its path did: the error
// path that also enables does not make the success path a report. Without
// the partner the same function is reported.
// RUN: %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem -DNO_PARTNER | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/preempt.h>

struct handle {
	int size;
	int nest;
};

static void get_handle(struct handle *h)
{
	preempt_disable();
	h->nest++;
}

static void put_handle(struct handle *h)
{
	h->nest--;
	preempt_enable();
}

static int __my_output_begin(struct handle *h, int size, int space)
{
	get_handle(h);
	if (size > space)
		goto fail;
	h->size = size;
	return 0;
fail:
	put_handle(h);
	return -28;
}

int my_output_begin(struct handle *h, int size, int space)
{
	return __my_output_begin(h, size, space);
}
// CHECK: pair-on-path.c:[[@LINE-2]]:2: warning: 'my_output_begin' returns with preemption disabled on this path (depth 1) [preempt-balance]

#ifndef NO_PARTNER
void my_output_end(struct handle *h)
{
	put_handle(h);
}
#endif
