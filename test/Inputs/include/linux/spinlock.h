/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * As in the kernel: a spinlock_t holds its raw lock in an anonymous union;
 * spin_lock* are inline functions or macros around the _raw_ functions;
 * spin_lock_irqsave goes through raw_spin_lock_irqsave(spinlock_check(lock),
 * flags), which assigns the saved flags after a type check; rwlock_t has
 * read_ and write_ forms of each. */
#ifndef _MOCK_LINUX_SPINLOCK_H
#define _MOCK_LINUX_SPINLOCK_H
typedef struct raw_spinlock { int locked; } raw_spinlock_t;
typedef struct spinlock {
  union {
    struct raw_spinlock rlock;
  };
} spinlock_t;
typedef struct { int cnts; } rwlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = {{{0}}}
#define DEFINE_RWLOCK(x) rwlock_t x = {0}
#define typecheck(type, x)                                                     \
  ({                                                                           \
    type __dummy;                                                              \
    __typeof__(x) __dummy2;                                                    \
    (void)(&__dummy == &__dummy2);                                             \
    1;                                                                         \
  })
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_lock_irq(lock) _raw_spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock) _raw_spin_unlock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)                                     \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_spin_lock_irqsave(lock);                                      \
  } while (0)
#define raw_spin_unlock_irqrestore(lock, flags)                                \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_spin_unlock_irqrestore(lock, flags);                                  \
  } while (0)
static inline __attribute__((__always_inline__)) raw_spinlock_t *
spinlock_check(spinlock_t *lock) {
  return &lock->rlock;
}
static inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static inline void spin_unlock(spinlock_t *lock) {
  raw_spin_unlock(&lock->rlock);
}
static inline void spin_lock_irq(spinlock_t *lock) {
  raw_spin_lock_irq(&lock->rlock);
}
static inline void spin_unlock_irq(spinlock_t *lock) {
  raw_spin_unlock_irq(&lock->rlock);
}
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    raw_spin_lock_irqsave(spinlock_check(lock), flags);                        \
  } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *lock,
                                          unsigned long flags) {
  raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

void _raw_read_lock(rwlock_t *lock);
void _raw_read_unlock(rwlock_t *lock);
void _raw_write_lock(rwlock_t *lock);
void _raw_write_unlock(rwlock_t *lock);
void _raw_read_lock_irq(rwlock_t *lock);
void _raw_read_unlock_irq(rwlock_t *lock);
void _raw_write_lock_irq(rwlock_t *lock);
void _raw_write_unlock_irq(rwlock_t *lock);
unsigned long _raw_read_lock_irqsave(rwlock_t *lock);
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
unsigned long _raw_write_lock_irqsave(rwlock_t *lock);
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
#define read_lock(lock) _raw_read_lock(lock)
#define read_unlock(lock) _raw_read_unlock(lock)
#define write_lock(lock) _raw_write_lock(lock)
#define write_unlock(lock) _raw_write_unlock(lock)
#define read_lock_irq(lock) _raw_read_lock_irq(lock)
#define read_unlock_irq(lock) _raw_read_unlock_irq(lock)
#define write_lock_irq(lock) _raw_write_lock_irq(lock)
#define write_unlock_irq(lock) _raw_write_unlock_irq(lock)
#define read_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_read_lock_irqsave(lock);                                      \
  } while (0)
#define write_lock_irqsave(lock, flags)                                        \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_write_lock_irqsave(lock);                                     \
  } while (0)
#define read_unlock_irqrestore(lock, flags)                                    \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_read_unlock_irqrestore(lock, flags);                                  \
  } while (0)
#define write_unlock_irqrestore(lock, flags)                                   \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_write_unlock_irqrestore(lock, flags);                                 \
  } while (0)
/* Trylocks: nonzero when the lock was taken. */
int _raw_spin_trylock(raw_spinlock_t *lock);
#define raw_spin_trylock(lock) _raw_spin_trylock(lock)
static inline int spin_trylock(spinlock_t *lock) {
  return raw_spin_trylock(&lock->rlock);
}
int _raw_read_trylock(rwlock_t *lock);
int _raw_write_trylock(rwlock_t *lock);
#define read_trylock(lock) _raw_read_trylock(lock)
#define write_trylock(lock) _raw_write_trylock(lock)
void local_irq_disable_fn(void);
#endif
