/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * As in the kernel: spin_lock* are inline functions or macros around the
 * _raw_ functions, and spin_lock_irqsave assigns the saved flags. */
#ifndef _MOCK_LINUX_SPINLOCK_H
#define _MOCK_LINUX_SPINLOCK_H
typedef struct raw_spinlock { int locked; } raw_spinlock_t;
typedef struct spinlock { struct raw_spinlock rlock; } spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = {{0}}
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
static inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static inline void spin_unlock(spinlock_t *lock) {
  raw_spin_unlock(&lock->rlock);
}
static inline void spin_lock_irq(spinlock_t *lock) {
  _raw_spin_lock_irq(&lock->rlock);
}
static inline void spin_unlock_irq(spinlock_t *lock) {
  _raw_spin_unlock_irq(&lock->rlock);
}
#define raw_spin_lock_irqsave(lock, flags)                                     \
  do {                                                                         \
    flags = _raw_spin_lock_irqsave(lock);                                      \
  } while (0)
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    raw_spin_lock_irqsave(&(lock)->rlock, flags);                              \
  } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *lock,
                                          unsigned long flags) {
  _raw_spin_unlock_irqrestore(&lock->rlock, flags);
}
void local_irq_disable_fn(void);
#endif
