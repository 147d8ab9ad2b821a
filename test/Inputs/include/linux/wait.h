/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_WAIT_H
#define _MOCK_LINUX_WAIT_H
struct task_struct;
extern struct task_struct *current_task(void);
#define current current_task()
typedef struct wait_queue_head { int dummy; } wait_queue_head_t;
struct wait_queue_entry { struct task_struct *task; };
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = {0}
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = {tsk}
void add_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *e);
void remove_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *e);
void wake_up(wait_queue_head_t *q);
int waitqueue_active(wait_queue_head_t *q);
#define TASK_UNINTERRUPTIBLE 2
void __set_current_state(int state);
#define set_current_state(s) __set_current_state(s)
#endif
