/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_SCHED_H
#define _MOCK_LINUX_SCHED_H
#include <linux/types.h>
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
void schedule(void);
int cond_resched(void);
void msleep(unsigned int msecs);
struct mutex { int count; };
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *p);
struct work_struct { void (*func)(struct work_struct *); void *data; };
int schedule_work(struct work_struct *work);
struct scatterlist { void *buf; unsigned int len; };
void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int len);
#endif
