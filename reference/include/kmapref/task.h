/*
 * kmapref: simulated tasks and CPUs, shared by the kernel-style model and the
 * scheduler. Written for kmapcheck's reference implementation.
 *
 * This header uses plain C only (no libc, no other kernel-style header) so
 * that the scheduler, which needs libc, and the model, which uses the
 * kernel-style headers, can both include it.
 */
#ifndef KMAPREF_TASK_H
#define KMAPREF_TASK_H

#define KM_MAX_IDX	16	/* local mappings per task */
#define REF_MAX_TASKS	6	/* tasks per scenario */
#define REF_MAX_CPUS	4	/* simulated CPUs */
#define REF_MAX_HELD	8	/* spinlocks one task may hold at once */

struct page;
struct mm_struct;
struct task_struct;
struct wait_queue_head;

/* The per-task stack of local mappings (kmap_local_page, kmap_atomic). */
struct kmap_ctrl {
	int idx;				/* number of live entries */
	struct page *pteval[KM_MAX_IDX];	/* what each entry maps */
};

/*
 * While a task is blocked, ref_wait says whether it could go on now; the
 * scheduler never runs a blocked task whose ref_wait returns 0.
 */
typedef int (*ref_wait_fn)(struct task_struct *t);

struct task_struct {
	int pid;			/* index in the scenario's task list */
	const char *comm;		/* name of the task function */
	int cpu;			/* the CPU it is pinned to */
	unsigned int __state;		/* TASK_RUNNING, TASK_UNINTERRUPTIBLE */
	int preempt_count;		/* preempt_disable depth, spinlocks included */
	int pagefault_disabled;		/* pagefault_disable depth */
	struct kmap_ctrl kmap_ctrl;
	struct mm_struct *mm;
	/*
	 * Set by a scenario's own context switch (__switch_to()): the task
	 * this coroutine runs as, i.e. what `current` is; NULL: itself.
	 */
	struct task_struct *ref_as;

	/* Model bookkeeping, for diagnostics. */
	int nr_kmaps;			/* kmap() mappings held */
	int nr_held;			/* spinlocks held ... */
	const char *held[REF_MAX_HELD];	/* ... and their names */
	struct wait_queue_head *waitq;	/* the wait queue it was added to */

	/* Scheduler bookkeeping. */
	int ref_state;			/* REF_TASK_* */
	ref_wait_fn ref_wait;		/* non-NULL while blocked */
	const void *ref_wait_obj;	/* what it waits for */
	int ref_sleeping;		/* blocked in a sleep: its CPU is free */
	char ref_wait_what[112];	/* "spins on kmap_lock held by ..." */
	char ref_point[64];		/* where it stopped, when tracing */
	int ipi_waiting;		/* IPIs sent, not yet acknowledged */
};

enum {
	REF_TASK_NEW,		/* not started */
	REF_TASK_READY,		/* started, stopped at a synchronisation point */
	REF_TASK_DONE,		/* returned */
};

struct ref_cpu {
	int id;
	int irqs_on;
	struct task_struct *curr;	/* whose local mappings are installed */
	/* Tasks waiting for this CPU to acknowledge an IPI. */
	struct task_struct *ipi_from[REF_MAX_TASKS + 1];
	int nr_ipi;
};

/* ---- Scheduler services for the model (model/sched.c) ---- */

/* The task `current` names (an interrupt: the task it interrupted). */
struct task_struct *get_current(void);
/*
 * The coroutine that runs: a task, an interrupt, setup or finish. It differs
 * from current in an interrupt and after a scenario's own __switch_to().
 */
struct task_struct *ref_running(void);
/* The task with this pid (the setup/finish pseudo task included). */
struct task_struct *ref_task(int pid);
struct ref_cpu *ref_cpu(int id);
int ref_nr_cpus(void);
/* Incremented for every run: objects with an older generation are fresh. */
unsigned int ref_generation(void);
/* 1 while the scenario's setup or finish function runs: no scheduling. */
int ref_in_setup(void);

/*
 * A synchronisation point: the scheduler may run other tasks before this one
 * goes on. When the current task has ref_wait set, it resumes only once
 * ref_wait returns non-zero.
 */
void ref_yield(void);
/*
 * The same, naming the point for traces: "what(obj)", or "what" when obj is
 * NULL: ref_yield_at("spin_lock", lock->name), ref_yield_at("schedule()", NULL).
 */
void ref_yield_at(const char *what, const char *obj);
/* Block until ok(current) holds; `what` describes the wait for deadlocks. */
void ref_block(ref_wait_fn ok, const void *obj, int sleeping,
	       const char *what);

/* Report a failure from a task: the run stops here. */
void ref_fail(const char *fmt, ...)
	__attribute__((__noreturn__, __format__(__printf__, 1, 2)));
int ref_snprintf(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));
/* "scenarios/foo.c" from a __FILE__ of any depth. */
const char *ref_short_path(const char *file);

#endif /* KMAPREF_TASK_H */
