// The shape of kernel/locking/spinlock.c: the out-of-line lock functions
// are the implementation of the model's locks (rules/api/locks.yaml), so
// their bodies are not judged. A successful trylock returns with
// preemption disabled by contract (its depth follows its return value),
// and write_lock_nested() is a lock like write_lock(). The same bodies
// under names the model does not know are reported.
// RUN: %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem -DUNKNOWN_NAMES | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/preempt.h>

typedef struct { int cnts; } my_rwlock_t;
int do_raw_write_trylock(my_rwlock_t *lock);
void do_raw_write_lock(my_rwlock_t *lock);

#ifdef UNKNOWN_NAMES
#define _raw_write_trylock my_write_attempt
#define _raw_write_lock_nested my_write_take_nested
#endif

static inline int __raw_write_trylock_impl(my_rwlock_t *lock)
{
	preempt_disable();
	if (do_raw_write_trylock(lock))
		return 1;
	preempt_enable();
	return 0;
}

int _raw_write_trylock(my_rwlock_t *lock)
{
	return __raw_write_trylock_impl(lock);
}
// CHECK: lock-implementation.c:[[@LINE-2]]:2: warning: 'my_write_attempt' returns with preemption disabled on this path (depth 1) [preempt-balance]

void _raw_write_lock_nested(my_rwlock_t *lock, int subclass)
{
	preempt_disable();
	do_raw_write_lock(lock);
}
// CHECK: lock-implementation.c:[[@LINE-1]]:1: warning: 'my_write_take_nested' returns with preemption disabled on this path (depth 1) [preempt-balance]
