// The shape of kernel/trace/trace_events.c p_start()/p_stop(): seq_file
// halves annotated with sparse's context annotations, which expand to
// nothing outside sparse. The annotation is the function's contract: a
// start that returns in an RCU-sched section is not reported. Without it
// the same function is.
// RUN: %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem -DNO_ANNOTATION | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/preempt.h>

#define __acquires(x)

void *lookup(long pos);

static void *__start(long *pos)
{
	preempt_disable();
	return lookup(*pos);
}

#ifndef NO_ANNOTATION
void *my_p_start(void *m, long *pos)
	__acquires(RCU)
{
	return __start(pos);
}
#else
void *my_p_start(void *m, long *pos)
{
	return __start(pos);
}
#endif
// CHECK: context-annotations.c:[[@LINE-3]]:2: warning: 'my_p_start' returns with preemption disabled on this path (depth 1) [preempt-balance]
