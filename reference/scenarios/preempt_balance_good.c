/*
 * preempt-balance, GOOD: the argument is checked before preemption is
 * disabled, and the per-CPU counter is updated with preemption disabled.
 */
#include <linux/preempt.h>
#include <linux/smp.h>
#include <kmapref/scenario.h>

static unsigned long events[4];

static int count_event(int kind)
{
	if (kind < 0)
		return -EINVAL;
	preempt_disable();
	events[smp_processor_id()] += kind;
	preempt_enable();
	return 0;
}

static void setup(void)
{
	memset(events, 0, sizeof(events));
}

static void task_count_a(void)
{
	count_event(1);
	count_event(-1);
}

static void task_count_b(void)
{
	count_event(2);
}

REF_SCENARIO(preempt_balance_good, "preempt-balance", REF_GOOD,
	     "preempt_disable()/preempt_enable() paired on every path",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_count_a, 0), REF_TASK(task_count_b, 1) });
