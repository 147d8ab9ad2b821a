/*
 * Execution context of the reference model: preemption and IRQ state,
 * spinlocks, mutexes, rw-semaphores, wait queues, sleeping and scheduling.
 * Written for kmapcheck from the documented kernel semantics.
 *
 * A spinlock holder runs with preemption disabled (the count includes the
 * lock). spin_lock_irq() and spin_lock_irqsave() turn IRQs off before they
 * spin. Taking any lock is a synchronisation point; dropping the last reason
 * for being atomic (preempt_count back to 0) is a preemption point.
 *
 * Lock, wait-queue and semaphore state belongs to one run: objects carry the
 * run generation and are reset when first touched in a new run, so that a
 * scenario's static locks start every run free.
 */
#include "model.h"

#include <linux/smp.h>

/* ---- Atomic context ---- */

const char *ref_owner_name(int owner)
{
	struct task_struct *t = owner > 0 ? ref_task(owner - 1) : NULL;

	return t ? t->comm : "nobody";
}

void ref_describe_atomic(const struct task_struct *t, char *buf,
			 unsigned long size)
{
	int len = 0, i;

	buf[0] = '\0';
	for (i = 0; i < t->nr_held; i++)
		len += ref_snprintf(buf + len, size - len, "%s%s",
				    i ? ", " : "holding spinlock ", t->held[i]);
	if (t->preempt_count > t->nr_held)
		len += ref_snprintf(buf + len, size - len,
				    "%spreemption disabled (preempt_count=%d)",
				    len ? ", " : "", t->preempt_count);
	if (!ref_cpu(t->cpu)->irqs_on)
		len += ref_snprintf(buf + len, size - len, "%sIRQs off",
				    len ? ", " : "");
	if (!len)
		ref_snprintf(buf, size, "in atomic context");
}

void ref_check_sleep(const char *what)
{
	struct task_struct *t = current;
	char ctx[96];

	if (t->preempt_count == 0 && ref_cpu(t->cpu)->irqs_on)
		return;
	ref_describe_atomic(t, ctx, sizeof(ctx));
	ref_fail("sleeping in atomic context: %s in %s may sleep while %s",
		 what, t->comm, ctx);
}

void ref_sleep_point(const char *what)
{
	ref_check_sleep(what);
	ref_yield_at(what, NULL);
}

void ref_deprecated(const char *name, const char *instead)
{
	if (ref_cfg()->report_deprecated)
		ref_fail("deprecated API called: %s() by %s (use %s())", name,
			 current->comm, instead);
}

void __might_sleep(const char *file, int line)
{
	char what[96];

	ref_snprintf(what, sizeof(what), "might_sleep() at %s:%d",
		     ref_short_path(file), line);
	ref_check_sleep(what);
	ref_yield_at(what, NULL);
}

void ref_bug(const char *file, int line, const char *what)
{
	ref_fail("BUG: %s at %s:%d", what, ref_short_path(file), line);
}

/* ---- Preemption ---- */

void __preempt_count_add(int val)
{
	current->preempt_count += val;
}

void __preempt_count_sub_no_resched(int val)
{
	struct task_struct *t = current;

	if (t->preempt_count < val)
		ref_fail("preempt imbalance: preempt_enable() in %s without a matching preempt_disable()",
			 t->comm);
	t->preempt_count -= val;
}

void __preempt_count_sub(int val)
{
	__preempt_count_sub_no_resched(val);
	if (current->preempt_count == 0)
		ref_yield_at("preemption point", NULL);
}

int preempt_count(void)
{
	return current->preempt_count;
}

void migrate_disable(void)
{
}

void migrate_enable(void)
{
}

int debug_smp_processor_id(void)
{
	struct task_struct *t = current;

	if (t->preempt_count == 0 && ref_cpu(t->cpu)->irqs_on)
		ref_fail("BUG: smp_processor_id() in preemptible code by %s",
			 t->comm);
	return t->cpu;
}

int raw_smp_processor_id(void)
{
	return current->cpu;
}

/* ---- IRQs ---- */

void ref_cpu_irqs_enable(struct ref_cpu *c)
{
	int acked = c->nr_ipi;
	int i;

	c->irqs_on = 1;
	/* Take the IPIs that arrived while IRQs were off. */
	for (i = 0; i < c->nr_ipi; i++)
		c->ipi_from[i]->ipi_waiting--;
	c->nr_ipi = 0;
	/* The acknowledgement is a synchronisation point: a sender may go. */
	if (acked)
		ref_yield_at("IPI acknowledged", NULL);
}

void arch_local_irq_disable(void)
{
	ref_cpu(current->cpu)->irqs_on = 0;
}

void arch_local_irq_enable(void)
{
	ref_cpu_irqs_enable(ref_cpu(current->cpu));
}

unsigned long arch_local_irq_save(void)
{
	struct ref_cpu *c = ref_cpu(current->cpu);
	unsigned long flags = c->irqs_on ? REF_IRQ_FLAG : 0;

	c->irqs_on = 0;
	return flags;
}

void arch_local_irq_restore(unsigned long flags)
{
	struct ref_cpu *c = ref_cpu(current->cpu);

	if (flags & REF_IRQ_FLAG)
		ref_cpu_irqs_enable(c);
	else
		c->irqs_on = 0;
}

int arch_irqs_disabled(void)
{
	return !ref_cpu(current->cpu)->irqs_on;
}

/* ---- Spinlocks ---- */

static void spin_fresh(raw_spinlock_t *lock)
{
	if (lock->gen != ref_generation()) {
		lock->gen = ref_generation();
		lock->owner = 0;
	}
}

static int spin_free(struct task_struct *t)
{
	const raw_spinlock_t *lock = t->ref_wait_obj;

	return lock->gen != ref_generation() || lock->owner == 0;
}

static const char *lock_name(const raw_spinlock_t *lock)
{
	return lock->name ? lock->name : "a spinlock";
}

/* Called with preemption (and maybe IRQs) already disabled. */
static void spin_acquire(raw_spinlock_t *lock)
{
	struct task_struct *t = current;
	char what[112];

	spin_fresh(lock);
	if (lock->owner == t->pid + 1)
		ref_fail("deadlock: %s takes spinlock %s, which it already holds",
			 t->comm, lock_name(lock));
	while (lock->owner) {
		ref_snprintf(what, sizeof(what),
			     "spins on %s held by %s, with IRQs %s",
			     lock_name(lock), ref_owner_name(lock->owner),
			     ref_cpu(t->cpu)->irqs_on ? "on" : "off");
		ref_block(spin_free, lock, 0, what);
		spin_fresh(lock);
	}
	lock->owner = t->pid + 1;
	if (t->nr_held < REF_MAX_HELD)
		t->held[t->nr_held] = lock_name(lock);
	t->nr_held++;
}

static void spin_release(raw_spinlock_t *lock)
{
	struct task_struct *t = current;
	int i;

	spin_fresh(lock);
	if (lock->owner != t->pid + 1)
		ref_fail("lock imbalance: %s releases spinlock %s held by %s",
			 t->comm, lock_name(lock), ref_owner_name(lock->owner));
	lock->owner = 0;
	/* Forget the most recent entry with this name. */
	for (i = (t->nr_held < REF_MAX_HELD ? t->nr_held : REF_MAX_HELD) - 1;
	     i >= 0; i--) {
		if (t->held[i] == lock_name(lock)) {
			for (; i + 1 < t->nr_held && i + 1 < REF_MAX_HELD; i++)
				t->held[i] = t->held[i + 1];
			break;
		}
	}
	t->nr_held--;
}

void _raw_spin_lock(raw_spinlock_t *lock)
{
	ref_yield_at("spin_lock", lock_name(lock));
	__preempt_count_add(1);
	spin_acquire(lock);
}

void _raw_spin_unlock(raw_spinlock_t *lock)
{
	spin_release(lock);
	__preempt_count_sub(1);
}

void _raw_spin_lock_irq(raw_spinlock_t *lock)
{
	ref_yield_at("spin_lock_irq", lock_name(lock));
	arch_local_irq_disable();
	__preempt_count_add(1);
	spin_acquire(lock);
}

void _raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	spin_release(lock);
	arch_local_irq_enable();
	__preempt_count_sub(1);
}

unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock)
{
	unsigned long flags;

	ref_yield_at("spin_lock_irqsave", lock_name(lock));
	flags = arch_local_irq_save();
	__preempt_count_add(1);
	spin_acquire(lock);
	return flags;
}

void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
{
	spin_release(lock);
	arch_local_irq_restore(flags);
	__preempt_count_sub(1);
}

int _raw_spin_is_locked(raw_spinlock_t *lock)
{
	spin_fresh(lock);
	return lock->owner != 0;
}

/* ---- Mutexes ---- */

static void mutex_fresh(struct mutex *lock)
{
	if (lock->gen != ref_generation()) {
		lock->gen = ref_generation();
		lock->owner = 0;
	}
}

static int mutex_free(struct task_struct *t)
{
	const struct mutex *lock = t->ref_wait_obj;

	return lock->gen != ref_generation() || lock->owner == 0;
}

void mutex_lock(struct mutex *lock)
{
	struct task_struct *t = current;
	char what[112];

	ref_sleep_point("mutex_lock()");
	mutex_fresh(lock);
	if (lock->owner == t->pid + 1)
		ref_fail("deadlock: %s takes mutex %s, which it already holds",
			 t->comm, lock->name);
	while (lock->owner) {
		ref_snprintf(what, sizeof(what), "sleeps on mutex %s held by %s",
			     lock->name, ref_owner_name(lock->owner));
		ref_block(mutex_free, lock, 1, what);
		mutex_fresh(lock);
	}
	lock->owner = t->pid + 1;
}

void mutex_unlock(struct mutex *lock)
{
	struct task_struct *t = current;

	mutex_fresh(lock);
	if (lock->owner != t->pid + 1)
		ref_fail("lock imbalance: %s releases mutex %s held by %s",
			 t->comm, lock->name, ref_owner_name(lock->owner));
	lock->owner = 0;
	ref_yield_at("mutex_unlock", lock->name);
}

/* ---- Read-write semaphores (fair: queued writers block new readers) ---- */

static void rwsem_fresh(struct rw_semaphore *sem)
{
	if (sem->gen != ref_generation()) {
		sem->gen = ref_generation();
		sem->readers = 0;
		sem->writer = 0;
		sem->waiting_writers = 0;
	}
}

static int rwsem_readable(struct task_struct *t)
{
	const struct rw_semaphore *sem = t->ref_wait_obj;

	return !sem->writer && !sem->waiting_writers;
}

static int rwsem_writable(struct task_struct *t)
{
	const struct rw_semaphore *sem = t->ref_wait_obj;

	return !sem->writer && !sem->readers;
}

void down_read(struct rw_semaphore *sem)
{
	char what[112];

	ref_sleep_point("down_read()");
	rwsem_fresh(sem);
	while (sem->writer || sem->waiting_writers) {
		ref_snprintf(what, sizeof(what),
			     "sleeps on %s for reading (%s, %d reader(s) inside)",
			     sem->name, sem->writer ? "a writer holds it" :
			     "a writer waits for it", sem->readers);
		ref_block(rwsem_readable, sem, 1, what);
	}
	sem->readers++;
}

void up_read(struct rw_semaphore *sem)
{
	rwsem_fresh(sem);
	if (sem->readers <= 0)
		ref_fail("lock imbalance: up_read(%s) by %s without down_read()",
			 sem->name, current->comm);
	sem->readers--;
}

void down_write(struct rw_semaphore *sem)
{
	struct task_struct *t = current;
	char what[112];

	ref_sleep_point("down_write()");
	rwsem_fresh(sem);
	sem->waiting_writers++;
	while (sem->writer || sem->readers) {
		ref_snprintf(what, sizeof(what),
			     "sleeps on %s for writing (%d reader(s) inside)",
			     sem->name, sem->readers);
		ref_block(rwsem_writable, sem, 1, what);
	}
	sem->waiting_writers--;
	sem->writer = t->pid + 1;
}

void up_write(struct rw_semaphore *sem)
{
	rwsem_fresh(sem);
	if (sem->writer != current->pid + 1)
		ref_fail("lock imbalance: up_write(%s) by %s, which does not hold it",
			 sem->name, current->comm);
	sem->writer = 0;
}

/* ---- Wait queues, sleeping ---- */

static void wq_fresh(wait_queue_head_t *wq)
{
	if (wq->gen != ref_generation()) {
		wq->gen = ref_generation();
		wq->head = NULL;
	}
}

void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	wq_fresh(wq);
	wait->next = wq->head;
	wq->head = wait;
	wait->private->waitq = wq;
}

void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	struct wait_queue_entry **pp;

	wq_fresh(wq);
	for (pp = &wq->head; *pp; pp = &(*pp)->next) {
		if (*pp == wait) {
			*pp = wait->next;
			break;
		}
	}
	wait->next = NULL;
	if (wait->private->waitq == wq)
		wait->private->waitq = NULL;
}

int waitqueue_active(wait_queue_head_t *wq)
{
	wq_fresh(wq);
	return wq->head != NULL;
}

void __wake_up(wait_queue_head_t *wq)
{
	struct wait_queue_entry *w;

	ref_yield_at("wake_up", wq->name);
	wq_fresh(wq);
	for (w = wq->head; w; w = w->next)
		w->private->__state = TASK_RUNNING;
}

void ref_set_current_state(unsigned int state)
{
	current->__state = state;
}

static int woken(struct task_struct *t)
{
	return t->__state == TASK_RUNNING;
}

void schedule(void)
{
	struct task_struct *t = current;
	char what[112];

	ref_check_sleep("schedule()");
	if (t->__state == TASK_RUNNING) {
		ref_yield_at("schedule()", NULL);
		return;
	}
	ref_snprintf(what, sizeof(what), "sleeps in schedule() on %s",
		     t->waitq && t->waitq->name ? t->waitq->name :
		     "no wait queue");
	ref_block(woken, t->waitq, 1, what);
}

int cond_resched(void)
{
	ref_sleep_point("cond_resched()");
	return 0;
}

void msleep(unsigned int msecs)
{
	(void)msecs;
	ref_sleep_point("msleep()");
}
