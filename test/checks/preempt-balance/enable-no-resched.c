// The shape of kernel/sched/core.c schedule_preempt_disabled(): called with
// preemption disabled, it enables without a reschedule, sleeps, and disables
// again, so it returns at the depth it was entered with. The scheduler's
// sched_preempt_enable_no_resched() is an enable like preempt_enable().
// RUN: %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | count 0
// Without the disable it ends with, the enable is still judged.
// RUN: not %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem -DUNBALANCED | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/preempt.h>

void schedule(void);

void my_schedule_preempt_disabled(void)
{
	sched_preempt_enable_no_resched();
	schedule();
#ifndef UNBALANCED
	preempt_disable();
#endif
}
// CHECK: enable-no-resched.c:15:2: warning: 'sched_preempt_enable_no_resched' enables preemption without a matching disable on this path [preempt-balance]

void my_resched_off(void)
{
	preempt_disable();
	preempt_enable_no_resched();
}
