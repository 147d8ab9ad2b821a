/*
 * preempt-balance, BAD: count_event() returns on a bad argument with
 * preemption still disabled.
 */
#include <linux/preempt.h>
#include <linux/smp.h>
#include <kmapref/scenario.h>

static unsigned long events[4];

static int count_event(int kind)
{
	preempt_disable();
	if (kind < 0)
		return -EINVAL;
	events[smp_processor_id()] += kind;
	preempt_enable();
	return 0;
}

static void setup(void)
{
	memset(events, 0, sizeof(events));
}

static void task_count(void)
{
	count_event(1);
	count_event(-1);
}

REF_SCENARIO(preempt_balance_bad, "preempt-balance", REF_BAD,
	     "an error path returns with preemption disabled",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_count, 0) });
