/* Sleeping mutexes for the reference model (written for kmapcheck). */
#ifndef _KMAPREF_LINUX_MUTEX_H
#define _KMAPREF_LINUX_MUTEX_H

#include <linux/types.h>

struct mutex {
	int owner;		/* pid + 1 of the holder, 0 when free */
	unsigned int gen;
	const char *name;
};

#define DEFINE_MUTEX(n)		struct mutex n = { 0, 0, #n }
#define mutex_init(m)							\
	do {								\
		(m)->owner = 0;						\
		(m)->gen = 0;						\
		(m)->name = #m;						\
	} while (0)

void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

#endif /* _KMAPREF_LINUX_MUTEX_H */
