/* Mock kernel header written for kmapcheck's tests (not kernel code):
 * deferred and concurrent work, in the kernel's shapes (static inline
 * wrappers around the _on variants, kthread_run() as a statement
 * expression). */
#ifndef _MOCK_LINUX_WORKQUEUE_H
#define _MOCK_LINUX_WORKQUEUE_H
#include <linux/sched.h> /* struct work_struct, schedule_work() */

struct rcu_head {
  struct rcu_head *next;
  void (*func)(struct rcu_head *head);
};
struct completion {
  unsigned int done;
};
struct workqueue_struct;
struct task_struct;

bool queue_work_on(int cpu, struct workqueue_struct *wq,
                   struct work_struct *work);
static inline bool queue_work(struct workqueue_struct *wq,
                              struct work_struct *work) {
  return queue_work_on(-1, wq, work);
}
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void complete(struct completion *x);
void wait_for_completion(struct completion *x);
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
                                           void *data, int node,
                                           const char namefmt[], ...);
int wake_up_process(struct task_struct *p);
#define kthread_create(threadfn, data, namefmt, arg...)                        \
  kthread_create_on_node(threadfn, data, -1, namefmt, ##arg)
#define kthread_run(threadfn, data, namefmt, ...)                              \
  ({                                                                           \
    struct task_struct *__k =                                                  \
        kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);                \
    wake_up_process(__k);                                                      \
    __k;                                                                       \
  })
#endif
