/*
 * Spinlocks for the reference model (written for kmapcheck, not taken from
 * the kernel). As in the kernel, spin_lock*() are inline functions or macros
 * around the _raw_spin_*() functions, and spin_lock_irqsave() is a macro that
 * assigns the saved flags.
 *
 * Taking a lock is a synchronisation point; a task that finds the lock held
 * spins (it cannot run until the lock is released). spin_lock_irq() and
 * spin_lock_irqsave() turn the CPU's IRQs off before spinning, so such a CPU
 * cannot take an IPI while it waits.
 */
#ifndef _KMAPREF_LINUX_SPINLOCK_H
#define _KMAPREF_LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

typedef struct raw_spinlock {
	int owner;		/* pid + 1 of the holder, 0 when free */
	unsigned int gen;	/* model run the state belongs to */
	const char *name;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(n)	{ 0, 0, n }
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(#x)
#define DEFINE_SPINLOCK(x)	spinlock_t x = { __RAW_SPIN_LOCK_UNLOCKED(#x) }
#define spin_lock_init(lock)						\
	do {								\
		(lock)->rlock.owner = 0;				\
		(lock)->rlock.gen = 0;					\
		(lock)->rlock.name = #lock;				\
	} while (0)

void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
int _raw_spin_is_locked(raw_spinlock_t *lock);

#define raw_spin_lock(lock)		_raw_spin_lock(lock)
#define raw_spin_unlock(lock)		_raw_spin_unlock(lock)
#define raw_spin_lock_irq(lock)		_raw_spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock)	_raw_spin_unlock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)				\
	do {								\
		flags = _raw_spin_lock_irqsave(lock);			\
	} while (0)
#define raw_spin_unlock_irqrestore(lock, flags)				\
	_raw_spin_unlock_irqrestore(lock, flags)

static inline void spin_lock(spinlock_t *lock)
{
	raw_spin_lock(&lock->rlock);
}

static inline void spin_unlock(spinlock_t *lock)
{
	raw_spin_unlock(&lock->rlock);
}

static inline void spin_lock_irq(spinlock_t *lock)
{
	raw_spin_lock_irq(&lock->rlock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	raw_spin_unlock_irq(&lock->rlock);
}

#define spin_lock_irqsave(lock, flags)					\
	do {								\
		raw_spin_lock_irqsave(&(lock)->rlock, flags);		\
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock,
					  unsigned long flags)
{
	raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return _raw_spin_is_locked(&lock->rlock);
}

#endif /* _KMAPREF_LINUX_SPINLOCK_H */
