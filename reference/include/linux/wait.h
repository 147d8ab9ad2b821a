/*
 * Wait queues for the reference model (written for kmapcheck). The usual
 * pattern works as in the kernel: set the task state, add the entry, drop
 * the lock, schedule(); a wake_up() between the unlock and schedule() makes
 * the task runnable again, so the wakeup is not lost.
 */
#ifndef _KMAPREF_LINUX_WAIT_H
#define _KMAPREF_LINUX_WAIT_H

/* The system's <linux/wait.h> (WNOHANG...) first: libc headers use it. */
#if defined(__has_include_next)
#if __has_include_next(<linux/wait.h>)
#include_next <linux/wait.h>
#endif
#endif

#include <linux/types.h>
#include <linux/sched.h>

struct wait_queue_entry {
	struct task_struct *private;
	struct wait_queue_entry *next;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	struct wait_queue_entry *head;
	unsigned int gen;
	const char *name;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAITQUEUE_INITIALIZER(tsk)	{ .private = (tsk), .next = NULL }
#define DECLARE_WAITQUEUE(n, tsk)					\
	struct wait_queue_entry n = __WAITQUEUE_INITIALIZER(tsk)
#define DECLARE_WAIT_QUEUE_HEAD(n)					\
	wait_queue_head_t n = { .head = NULL, .gen = 0, .name = #n }
#define init_waitqueue_head(wq)						\
	do {								\
		(wq)->head = NULL;					\
		(wq)->gen = 0;						\
		(wq)->name = #wq;					\
	} while (0)

void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
int waitqueue_active(wait_queue_head_t *wq);
void __wake_up(wait_queue_head_t *wq);
#define wake_up(wq)	__wake_up(wq)

#endif /* _KMAPREF_LINUX_WAIT_H */
