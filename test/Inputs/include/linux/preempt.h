/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_PREEMPT_H
#define _MOCK_LINUX_PREEMPT_H
/* As on x86: preempt_disable() is a macro around a per-CPU counter, with
 * no call of its own. */
void __preempt_count_add(int val);
void __preempt_count_sub(int val);
#define barrier() __asm__ __volatile__("" : : : "memory")
#define preempt_disable()                                                      \
  do {                                                                         \
    __preempt_count_add(1);                                                    \
    barrier();                                                                 \
  } while (0)
#define preempt_enable()                                                       \
  do {                                                                         \
    barrier();                                                                 \
    __preempt_count_sub(1);                                                    \
  } while (0)
/* As in 6.1 with CONFIG_PREEMPT_COUNT: the scheduler's own enable without a
 * reschedule, and the generic one defined through it. */
#define sched_preempt_enable_no_resched()                                      \
  do {                                                                         \
    barrier();                                                                 \
    __preempt_count_sub(1);                                                    \
  } while (0)
#define preempt_enable_no_resched() sched_preempt_enable_no_resched()
void migrate_disable(void);
void migrate_enable(void);
#endif
