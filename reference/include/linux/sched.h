/*
 * Tasks, sleeping and scheduling for the reference model (written for
 * kmapcheck). Every simulated task is a coroutine run by the deterministic
 * scheduler; `current` is the running one.
 *
 * might_sleep(), schedule(), cond_resched() and msleep() are sleep points: in
 * atomic context (preemption disabled, a spinlock held, IRQs off) they report
 * "sleeping in atomic context". They are also preemption points.
 */
#ifndef _KMAPREF_LINUX_SCHED_H
#define _KMAPREF_LINUX_SCHED_H

#include <linux/types.h>
#include <kmapref/task.h>

#define current		get_current()

#define TASK_RUNNING		0x0000u
#define TASK_INTERRUPTIBLE	0x0001u
#define TASK_UNINTERRUPTIBLE	0x0002u

void ref_set_current_state(unsigned int state);
#define __set_current_state(state)	ref_set_current_state(state)
#define set_current_state(state)	ref_set_current_state(state)

void __might_sleep(const char *file, int line);
#define might_sleep()	__might_sleep(__FILE__, __LINE__)

/*
 * For a scenario that carries its own context switch on one CPU: from here
 * on `current` is next (the running coroutine goes on as next). A
 * synchronisation point before the change. Returns prev.
 */
struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next);

void schedule(void);
int cond_resched(void);
void msleep(unsigned int msecs);

#endif /* _KMAPREF_LINUX_SCHED_H */
