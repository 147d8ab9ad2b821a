/*
 * Preemption control for the reference model (written for kmapcheck). As on
 * x86, preempt_disable() is a macro around a counter update with no call of
 * its own name; the count is per task and includes held spinlocks.
 * preempt_enable() that brings the count to zero is a preemption point.
 */
#ifndef _KMAPREF_LINUX_PREEMPT_H
#define _KMAPREF_LINUX_PREEMPT_H

#include <linux/types.h>

void __preempt_count_add(int val);
void __preempt_count_sub(int val);
void __preempt_count_sub_no_resched(int val);
int preempt_count(void);

#define preempt_disable()						\
	do {								\
		__preempt_count_add(1);					\
		barrier();						\
	} while (0)
#define preempt_enable()						\
	do {								\
		barrier();						\
		__preempt_count_sub(1);					\
	} while (0)
#define preempt_enable_no_resched()					\
	do {								\
		barrier();						\
		__preempt_count_sub_no_resched(1);			\
	} while (0)

#define in_atomic()	(preempt_count() != 0)

void migrate_disable(void);
void migrate_enable(void);

#endif /* _KMAPREF_LINUX_PREEMPT_H */
