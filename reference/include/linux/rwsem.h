/*
 * Read-write semaphores for the reference model (written for kmapcheck).
 * They are fair: a reader waits while a writer holds the semaphore or waits
 * for it, so a read lock taken recursively while a writer queues up blocks
 * (the userfaultfd deadlock of 2022).
 */
#ifndef _KMAPREF_LINUX_RWSEM_H
#define _KMAPREF_LINUX_RWSEM_H

#include <linux/types.h>

struct rw_semaphore {
	int readers;
	int writer;		/* pid + 1 of the holder, 0 when none */
	int waiting_writers;
	unsigned int gen;
	const char *name;
};

#define __RWSEM_INITIALIZER(n)	{ 0, 0, 0, 0, #n }
#define DECLARE_RWSEM(n)	struct rw_semaphore n = __RWSEM_INITIALIZER(n)

void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

#endif /* _KMAPREF_LINUX_RWSEM_H */
