/*
 * The deterministic scheduler of kmapcheck's reference implementation.
 *
 * Simulated tasks are coroutines (ucontext) on the calling OS thread. A task
 * runs until it reaches a synchronisation point (ref_yield(): lock, unlock,
 * IPI, map, unmap, sleep, preemption point), where control returns to the
 * controller, which chooses the next task among those that can run:
 *
 * - a blocked task (spinning on a held lock, waiting for IPI
 *   acknowledgements, sleeping) can run once its wait condition holds;
 * - tasks are pinned to CPUs; a task can run only when its CPU is free: idle,
 *   running a task that sleeps or finished, or running a task at a
 *   synchronisation point that is preemptible (preempt_count 0, IRQs on).
 *
 * Choosing another task while the last one could go on is a preemption.
 *
 * An interrupt (REF_IRQ()) is a handler that fires once per run on its CPU,
 * at any synchronisation point of the task current there while that CPU has
 * IRQs on. It runs to completion on top of that task: `current` is the
 * interrupted task (or whoever the scenario's own context switch made
 * current), so a local mapping it takes uses that task's next entry.
 * Choosing it while the interrupted task could go on is a preemption too.
 * kmapref_explore() enumerates schedules depth-first, with 0 preemptions,
 * then at most 1, 2, ... (iterative preemption bounding), re-running each
 * schedule from a fresh state. Every run records the task chosen at each
 * decision; that list is the replayable schedule.
 *
 * No threads, no time, no randomness: two explorations of one scenario give
 * identical results.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <kmapref/kmapref.h>
#include <kmapref/scenario.h>
#include <kmapref/task.h>

#include "core.h"

#define STACK_SIZE	(256 * 1024)
#define MAX_CHOICES	8192
#define PSEUDO		REF_MAX_TASKS	/* slot of the setup/finish task */

/* A scheduling decision, as explored depth-first. */
struct node {
	unsigned char n;		/* runnable tasks */
	unsigned char idx;		/* which of opts this run takes */
	unsigned char cont;		/* opts[0] is the task that ran last */
	unsigned char opts[REF_MAX_TASKS];
	unsigned short pre;		/* preemptions before the decision */
};

static unsigned long limit_runs = 200000;
static unsigned long limit_steps = 5000;

static struct {
	const struct ref_scenario_def *def;
	struct ref_config cfg;
	int ntasks;
	int ncpus;
	struct task_struct tasks[REF_MAX_TASKS + 1];
	struct ref_cpu cpus[REF_MAX_CPUS];
	ucontext_t ctx[REF_MAX_TASKS + 1];
	ucontext_t ctl;
	sigjmp_buf jmp[REF_MAX_TASKS + 1];
	char *stacks[REF_MAX_TASKS + 1];
	int cur;		/* running task, -1 for the controller */
	int in_irq;		/* cur is an interrupt handler */
	int last;		/* task that ran last, -1 for none */
	int setup_mode;
	void (*pseudo_fn)(void);
	unsigned int gen;
	int failed;
	char failure[256];
	unsigned long steps;	/* in this run */
	unsigned long total_steps;
	unsigned long max_steps;
	unsigned char sched[MAX_CHOICES];
	unsigned char dflt[MAX_CHOICES];	/* the default at each decision */
	unsigned int nsched;
	unsigned int preemptions;
	/* Depth-first exploration. */
	struct node nodes[MAX_CHOICES];
	unsigned int replay_len;
	unsigned int bound;
	/* Replay of a given schedule. */
	const unsigned char *forced;
	unsigned int nforced;
	int replay_error;
} R = { .cur = -1, .last = -1 };

static struct sigaction old_segv, old_bus;
static void (*trace_fn)(const char *line, void *arg);
static void *trace_arg;
static int tracing;	/* trace_fn is set and a replay runs */

/* ---- Services for the model ---- */

static struct task_struct *running(void)
{
	return R.cur >= 0 ? &R.tasks[R.cur] : NULL;
}

struct task_struct *ref_running(void)
{
	return running();
}

struct task_struct *get_current(void)
{
	struct task_struct *t = running();

	if (!t)
		return NULL;
	/* An interrupt runs on whatever task is current on its CPU. */
	if (R.in_irq)
		t = R.cpus[t->cpu].curr;
	return t->ref_as ? t->ref_as : t;
}

struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next)
{
	struct task_struct *t = running();

	if (!t || R.in_irq)
		ref_fail("BUG: __switch_to() outside a task");
	if (prev != get_current())
		ref_fail("BUG: __switch_to() from %s, which is not current",
			 prev->comm);
	ref_yield_at("__switch_to()", next->comm);
	next->cpu = t->cpu;
	t->ref_as = next == t ? NULL : next;
	return prev;
}

struct task_struct *ref_task(int pid)
{
	return pid >= 0 && pid <= PSEUDO ? &R.tasks[pid] : NULL;
}

struct ref_cpu *ref_cpu(int id)
{
	return &R.cpus[id];
}

int ref_nr_cpus(void)
{
	return R.ncpus;
}

unsigned int ref_generation(void)
{
	return R.gen;
}

int ref_in_setup(void)
{
	return R.setup_mode;
}

const struct ref_config *ref_cfg(void)
{
	return &R.cfg;
}

int ref_snprintf(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

const char *ref_short_path(const char *file)
{
	const char *p = strstr(file, "reference/");
	const char *q;

	if (p) {
		/* The last "reference/" wins: the build tree may contain one. */
		while ((q = strstr(p + 1, "reference/")))
			p = q;
		return p + strlen("reference/");
	}
	p = strrchr(file, '/');
	return p ? p + 1 : file;
}

static void set_failure(const char *fmt, ...)
	__attribute__((__format__(__printf__, 1, 2)));

static void set_failure(const char *fmt, ...)
{
	va_list ap;

	if (R.failed)
		return;
	va_start(ap, fmt);
	vsnprintf(R.failure, sizeof(R.failure), fmt, ap);
	va_end(ap);
	R.failed = 1;
}

void ref_fail(const char *fmt, ...)
{
	va_list ap;

	if (!R.failed) {
		va_start(ap, fmt);
		vsnprintf(R.failure, sizeof(R.failure), fmt, ap);
		va_end(ap);
		R.failed = 1;
	}
	if (R.cur < 0) {
		fprintf(stderr, "kmapref: failure outside a task: %s\n",
			R.failure);
		abort();
	}
	/* Back to the controller for good: a failed run is never resumed. */
	swapcontext(&R.ctx[R.cur], &R.ctl);
	abort();
}

void ref_yield(void)
{
	struct task_struct *t;

	if (R.cur < 0)
		return;
	t = &R.tasks[R.cur];
	if (R.setup_mode || R.in_irq) {
		/*
		 * Setup and finish run alone, an interrupt to completion:
		 * nothing can unblock them.
		 */
		if (t->ref_wait && !t->ref_wait(t))
			ref_fail("%s would block: it %s", t->comm,
				 t->ref_wait_what);
		return;
	}
	swapcontext(&R.ctx[R.cur], &R.ctl);
}

void ref_yield_at(const char *what, const char *obj)
{
	struct task_struct *t = running();

	if (tracing && t)
		snprintf(t->ref_point, sizeof(t->ref_point), "%s%s%s%s", what,
			 obj ? "(" : "", obj ? obj : "", obj ? ")" : "");
	ref_yield();
}

void ref_block(ref_wait_fn ok, const void *obj, int sleeping,
	       const char *what)
{
	struct task_struct *t = running();

	t->ref_wait = ok;
	t->ref_wait_obj = obj;
	t->ref_sleeping = sleeping;
	snprintf(t->ref_wait_what, sizeof(t->ref_wait_what), "%s", what);
	if (tracing)
		snprintf(t->ref_point, sizeof(t->ref_point), "%s", what);
	ref_yield();
	t->ref_wait = NULL;
	t->ref_wait_obj = NULL;
	t->ref_sleeping = 0;
	t->ref_wait_what[0] = '\0';
}

/* ---- Use after unmap: faults on model addresses ---- */

static void on_fault(int sig, siginfo_t *si, void *uctx)
{
	char what[160];
	const char *access = "accessed";

	if (R.cur >= 0 &&
	    ref_mem_describe_fault((unsigned long)si->si_addr, what,
				   sizeof(what))) {
#if defined(__x86_64__) && defined(REG_ERR)
		ucontext_t *uc = uctx;

		access = (uc->uc_mcontext.gregs[REG_ERR] & 2) ? "wrote to" :
								 "read";
#else
		(void)uctx;
#endif
		set_failure("use after unmap: %s %s %s", R.tasks[R.cur].comm,
			    access, what);
		siglongjmp(R.jmp[R.cur], 1);
	}
	/* Not ours: let the previous handler see the fault again. */
	sigaction(sig, sig == SIGSEGV ? &old_segv : &old_bus, NULL);
}

static void install_fault_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
}

static void remove_fault_handler(void)
{
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
}

/* ---- Tasks ---- */

static int is_irq(int idx)
{
	return idx != PSEUDO && R.def->tasks[idx].irq;
}

static void trampoline(int idx)
{
	struct task_struct *t = &R.tasks[idx];

	if (sigsetjmp(R.jmp[idx], 1) == 0) {
		if (idx == PSEUDO) {
			R.pseudo_fn();
		} else if (is_irq(idx)) {
			struct task_struct *on = get_current();
			int depth = on->kmap_ctrl.idx;

			R.def->tasks[idx].fn();
			if (on->kmap_ctrl.idx != depth)
				ref_fail("leak: interrupt %s returns with %d local mapping(s) of %s changed (an interrupt must release what it maps)",
					 t->comm, on->kmap_ctrl.idx - depth,
					 on->comm);
			t->ref_state = REF_TASK_DONE;
			return;
		} else {
			R.def->tasks[idx].fn();
		}
		ref_model_task_exit(t);
		t->ref_state = REF_TASK_DONE;
	}
	/* Returning resumes the controller through uc_link. */
}

static void init_task(int idx, const char *name, int cpu)
{
	struct task_struct *t = &R.tasks[idx];

	memset(t, 0, sizeof(*t));
	t->pid = idx;
	t->comm = name;
	t->cpu = cpu;
	t->__state = 0;
	t->ref_state = REF_TASK_NEW;
	ref_model_task_init(t);

	getcontext(&R.ctx[idx]);
	R.ctx[idx].uc_stack.ss_sp = R.stacks[idx];
	R.ctx[idx].uc_stack.ss_size = STACK_SIZE;
	R.ctx[idx].uc_link = &R.ctl;
	makecontext(&R.ctx[idx], (void (*)(void))trampoline, 1, idx);
}

/* Setup and finish: run to completion on CPU 0, no scheduling. */
static void run_pseudo(void (*fn)(void), const char *name)
{
	struct ref_cpu *c = &R.cpus[0];
	struct task_struct *t = &R.tasks[PSEUDO];

	init_task(PSEUDO, name, 0);
	R.pseudo_fn = fn;
	R.setup_mode = 1;
	ref_model_switch(c, c->curr, t);
	c->curr = t;
	t->ref_state = REF_TASK_READY;
	R.cur = PSEUDO;
	swapcontext(&R.ctl, &R.ctx[PSEUDO]);
	R.cur = -1;
	R.setup_mode = 0;
	if (!R.failed) {
		ref_model_switch(c, t, NULL);
		c->curr = NULL;
	}
}

static int cpu_free_for(const struct task_struct *t)
{
	const struct ref_cpu *c = &R.cpus[t->cpu];
	const struct task_struct *o = c->curr;

	if (!o || o == t || o->ref_state == REF_TASK_DONE)
		return 1;
	if (o->ref_wait)
		return o->ref_sleeping;
	return o->preempt_count == 0 && c->irqs_on;
}

/*
 * An interrupt fires once, on top of a started task that is current on its
 * CPU and not asleep, while that CPU has IRQs on.
 */
static int irq_can_fire(const struct task_struct *t)
{
	const struct ref_cpu *c = &R.cpus[t->cpu];
	const struct task_struct *o = c->curr;

	return t->ref_state == REF_TASK_NEW && c->irqs_on && o &&
	       o->ref_state == REF_TASK_READY && !o->ref_sleeping;
}

static int can_run(int i)
{
	struct task_struct *t = &R.tasks[i];

	if (is_irq(i))
		return irq_can_fire(t);
	if (t->ref_state == REF_TASK_DONE)
		return 0;
	if (t->ref_wait && !t->ref_wait(t))
		return 0;
	return cpu_free_for(t);
}

static void trace(const char *fmt, ...)
	__attribute__((__format__(__printf__, 1, 2)));

static void trace(const char *fmt, ...)
{
	char line[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	trace_fn(line, trace_arg);
}

static void switch_to(int idx)
{
	struct task_struct *t = &R.tasks[idx];
	struct ref_cpu *c = &R.cpus[t->cpu];

	if (tracing) {
		int preempts = R.last >= 0 && R.last != idx &&
			       R.nsched > 0 && R.dflt[R.nsched - 1] == R.last;

		if (is_irq(idx))
			trace("#%u %s (cpu%d) interrupts %s%s%s%s", R.nsched - 1,
			      t->comm, t->cpu, c->curr->comm,
			      c->curr->ref_point[0] ? " at " : "",
			      c->curr->ref_point, preempts ? " [preempts]" : "");
		else
			trace("#%u %s (cpu%d) %s%s%s%s%s", R.nsched - 1,
			      t->comm, t->cpu,
			      t->ref_state == REF_TASK_NEW ? "starts" :
			      "runs from ", t->ref_state == REF_TASK_NEW ? "" :
			      (t->ref_point[0] ? t->ref_point :
			       "a synchronisation point"),
			      preempts ? " [preempts " : "",
			      preempts ? R.tasks[R.last].comm : "",
			      preempts ? "]" : "");
	}

	if (is_irq(idx)) {
		/*
		 * On top of the CPU's current task, IRQs off while it runs;
		 * then that task goes on (choosing another one is a
		 * preemption).
		 */
		struct task_struct *on = c->curr;

		t->ref_state = REF_TASK_READY;
		c->irqs_on = 0;
		R.in_irq = 1;
		R.cur = idx;
		swapcontext(&R.ctl, &R.ctx[idx]);
		R.cur = -1;
		R.in_irq = 0;
		if (!R.failed)
			c->irqs_on = 1;
		R.last = on->pid;
		return;
	}

	if (c->curr != t) {
		ref_model_switch(c, c->curr, t);
		c->curr = t;
	}
	if (t->ref_state == REF_TASK_NEW)
		t->ref_state = REF_TASK_READY;
	R.cur = idx;
	swapcontext(&R.ctl, &R.ctx[idx]);
	R.cur = -1;
	R.last = idx;
}

/* ---- Decisions ---- */

static int choose(const int *en, int nen)
{
	unsigned char opts[REF_MAX_TASKS];
	unsigned int k = R.nsched;
	int n = 0, cont = 0, c, i;

	for (i = 0; i < nen; i++)
		if (en[i] == R.last)
			cont = 1;
	if (cont)
		opts[n++] = (unsigned char)R.last;
	for (i = 0; i < nen; i++)
		if (!cont || en[i] != R.last)
			opts[n++] = (unsigned char)en[i];

	if (k >= MAX_CHOICES) {
		set_failure("livelock: more than %d scheduling decisions",
			    MAX_CHOICES);
		return -1;
	}
	if (R.forced) {
		if (k < R.nforced) {
			c = R.forced[k];
			for (i = 0; i < n; i++)
				if (opts[i] == c)
					break;
			if (i == n) {
				char list[64] = "";
				int len = 0;

				for (i = 0; i < n; i++)
					len += snprintf(list + len,
							sizeof(list) - len,
							"%s%d", i ? "," : "",
							opts[i]);
				set_failure("replay: decision %u names task %d, which cannot run then (runnable: %s)",
					    k, c, list);
				R.replay_error = 1;
				return -1;
			}
		} else {
			c = opts[0];
		}
	} else if (k < R.replay_len) {
		struct node *nd = &R.nodes[k];

		if (nd->n != n || memcmp(nd->opts, opts, n)) {
			set_failure("internal: the scenario is not deterministic (decision %u differs on re-execution)",
				    k);
			return -1;
		}
		c = nd->opts[nd->idx];
	} else {
		struct node *nd = &R.nodes[k];

		nd->n = (unsigned char)n;
		nd->idx = 0;
		nd->cont = (unsigned char)cont;
		memcpy(nd->opts, opts, n);
		nd->pre = (unsigned short)R.preemptions;
		c = opts[0];
	}
	if (cont && c != R.last)
		R.preemptions++;
	R.dflt[k] = opts[0];
	R.sched[R.nsched++] = (unsigned char)c;
	return c;
}

/* Set up the next schedule to try; 0 when the bound is exhausted. */
static int backtrack(void)
{
	unsigned int depth = R.nsched;

	while (depth > 0) {
		struct node *nd = &R.nodes[depth - 1];

		if (nd->idx + 1 < nd->n &&
		    nd->pre + (nd->cont ? 1u : 0u) <= R.bound) {
			nd->idx++;
			R.replay_len = depth;
			return 1;
		}
		depth--;
	}
	return 0;
}

/* ---- Runs ---- */

static void describe_deadlock(void)
{
	char buf[256];
	int len = 0, i, pool = 1, alive = 0;

	for (i = 0; i < R.ntasks; i++) {
		struct task_struct *t = &R.tasks[i];

		if (t->ref_state == REF_TASK_DONE || is_irq(i))
			continue;
		alive++;
		if (!t->ref_wait || !ref_model_pool_wait(t) || t->nr_kmaps < 1)
			pool = 0;
	}
	if (pool && alive) {
		len = snprintf(buf, sizeof(buf),
			       "pool deadlock: every task sleeps in map_new_virtual() for a free pkmap entry (LAST_PKMAP=%u) while holding kmap() mappings:",
			       R.cfg.last_pkmap);
		for (i = 0; i < R.ntasks && len < (int)sizeof(buf); i++) {
			struct task_struct *t = &R.tasks[i];

			if (t->ref_state == REF_TASK_DONE || is_irq(i))
				continue;
			len += snprintf(buf + len, sizeof(buf) - len,
					" %s holds %d;", t->comm, t->nr_kmaps);
		}
	} else {
		len = snprintf(buf, sizeof(buf), "deadlock:");
		for (i = 0; i < R.ntasks && len < (int)sizeof(buf); i++) {
			struct task_struct *t = &R.tasks[i];

			if (t->ref_state == REF_TASK_DONE || is_irq(i))
				continue;
			if (t->ref_wait)
				len += snprintf(buf + len, sizeof(buf) - len,
						" %s (cpu%d) %s;", t->comm,
						t->cpu, t->ref_wait_what);
			else
				len += snprintf(buf + len, sizeof(buf) - len,
						" %s (cpu%d) cannot run: its CPU is held by %s;",
						t->comm, t->cpu,
						R.cpus[t->cpu].curr ?
						R.cpus[t->cpu].curr->comm : "?");
		}
	}
	if (len > 0 && len < (int)sizeof(buf) && buf[len - 1] == ';')
		buf[len - 1] = '\0';
	set_failure("%s", buf);
}

static void run_once(void)
{
	char buf[256];
	int i;

	R.gen++;
	R.failed = 0;
	R.failure[0] = '\0';
	R.nsched = 0;
	R.preemptions = 0;
	R.last = -1;
	R.cur = -1;
	R.steps = 0;
	R.replay_error = 0;
	for (i = 0; i < REF_MAX_CPUS; i++) {
		memset(&R.cpus[i], 0, sizeof(R.cpus[i]));
		R.cpus[i].id = i;
		R.cpus[i].irqs_on = 1;
	}
	ref_mem_reset();
	ref_model_reset(&R.cfg);

	if (R.def->setup) {
		run_pseudo(R.def->setup, "setup");
		if (R.failed)
			return;
	}
	for (i = 0; i < R.ntasks; i++)
		init_task(i, R.def->tasks[i].name, R.def->tasks[i].cpu);

	for (;;) {
		int en[REF_MAX_TASKS], nen = 0, alive = 0, c;

		if (R.failed)
			return;
		if (ref_model_invariants(buf, sizeof(buf))) {
			set_failure("%s", buf);
			return;
		}
		for (i = 0; i < R.ntasks; i++) {
			/* An interrupt that has not come need not come. */
			if (R.tasks[i].ref_state != REF_TASK_DONE &&
			    !is_irq(i))
				alive++;
			if (can_run(i))
				en[nen++] = i;
		}
		if (!alive)
			break;
		if (!nen) {
			describe_deadlock();
			return;
		}
		if (R.steps >= R.max_steps) {
			set_failure("livelock: no end after %lu scheduling steps",
				    R.steps);
			return;
		}
		c = choose(en, nen);
		if (c < 0)
			return;
		R.steps++;
		R.total_steps++;
		switch_to(c);
	}
	if (R.def->finish) {
		run_pseudo(R.def->finish, "finish");
		if (R.failed)
			return;
	}
	if (ref_model_end(buf, sizeof(buf)))
		set_failure("%s", buf);
}

/* ---- Schedules as text ---- */

static int format_plain(const unsigned char *s, unsigned int n, char *out,
			unsigned long size)
{
	unsigned long len = 0;
	unsigned int i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		int w = snprintf(out + len, size - len, "%s%u", i ? "," : "",
				 s[i]);

		if (w < 0 || (unsigned long)w >= size - len)
			return -1;
		len += w;
	}
	return 0;
}

static int format_rle(const unsigned char *s, unsigned int n, char *out,
		      unsigned long size)
{
	unsigned long len = 0;
	unsigned int i = 0;

	out[0] = '\0';
	while (i < n) {
		unsigned int j = i;
		int w;

		while (j < n && s[j] == s[i])
			j++;
		if (j - i > 2)
			w = snprintf(out + len, size - len, "%s%u*%u",
				     len ? "," : "", s[i], j - i);
		else if (j - i == 2)
			w = snprintf(out + len, size - len, "%s%u,%u",
				     len ? "," : "", s[i], s[i]);
		else
			w = snprintf(out + len, size - len, "%s%u",
				     len ? "," : "", s[i]);
		if (w < 0 || (unsigned long)w >= size - len)
			return -1;
		len += w;
		i = j;
	}
	return 0;
}

/*
 * The full list of decisions when it fits; else only up to the last
 * decision that differs from the default policy (replay goes on with the
 * default), run-length encoded if need be.
 */
static void format_schedule(char *out, unsigned long size)
{
	unsigned int n = R.nsched;

	if (!format_plain(R.sched, n, out, size))
		return;
	while (n > 0 && R.sched[n - 1] == R.dflt[n - 1])
		n--;
	if (!format_plain(R.sched, n, out, size))
		return;
	if (!format_rle(R.sched, n, out, size))
		return;
	snprintf(out, size, "?");
}

static int parse_schedule(const char *s, unsigned char *out, unsigned int max)
{
	unsigned int n = 0;

	while (*s) {
		unsigned long task, rep = 1;
		char *end;

		while (*s == ' ' || *s == ',')
			s++;
		if (!*s)
			break;
		if (*s < '0' || *s > '9')
			return -1;
		task = strtoul(s, &end, 10);
		s = end;
		if (*s == '*') {
			s++;
			if (*s < '0' || *s > '9')
				return -1;
			rep = strtoul(s, &end, 10);
			s = end;
		}
		if (task >= REF_MAX_TASKS || rep > max || n + rep > max)
			return -1;
		while (rep--)
			out[n++] = (unsigned char)task;
		while (*s == ' ')
			s++;
		if (*s && *s != ',')
			return -1;
	}
	return (int)n;
}

/* ---- Entry points ---- */

static int prepare(const struct kmapref_scenario *s,
		   struct kmapref_result *out)
{
	static int mem_ready;
	const struct ref_scenario_def *def = (const void *)s;
	unsigned int maxcpu = 0;
	char err[128];
	int i;

	memset(out, 0, sizeof(*out));
	if (!mem_ready) {
		if (ref_mem_init(err, sizeof(err))) {
			out->failed = 1;
			snprintf(out->failure, sizeof(out->failure),
				 "internal: %s", err);
			return -1;
		}
		for (i = 0; i <= PSEUDO; i++) {
			char *p = mmap(NULL, STACK_SIZE + 4096,
				       PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED) {
				out->failed = 1;
				snprintf(out->failure, sizeof(out->failure),
					 "internal: cannot allocate task stacks");
				return -1;
			}
			/* A guard page below each stack. */
			mprotect(p, 4096, PROT_NONE);
			R.stacks[i] = p + 4096;
		}
		mem_ready = 1;
	}

	R.def = def;
	R.cfg = def->cfg;
	for (R.ntasks = 0; R.ntasks < REF_MAX_TASKS; R.ntasks++) {
		const struct ref_task_def *td = &def->tasks[R.ntasks];

		if (!td->fn)
			break;
		if (td->cpu < 0 || td->cpu >= REF_MAX_CPUS) {
			out->failed = 1;
			snprintf(out->failure, sizeof(out->failure),
				 "internal: task %d is on cpu%d, beyond %d CPUs",
				 R.ntasks, td->cpu, REF_MAX_CPUS);
			return -1;
		}
		if ((unsigned int)td->cpu > maxcpu)
			maxcpu = td->cpu;
	}
	if (!R.cfg.last_pkmap)
		R.cfg.last_pkmap = 4;
	if (R.cfg.last_pkmap != 2 && R.cfg.last_pkmap != 4 &&
	    R.cfg.last_pkmap != 8) {
		out->failed = 1;
		snprintf(out->failure, sizeof(out->failure),
			 "internal: LAST_PKMAP must be 2, 4 or 8, not %u",
			 R.cfg.last_pkmap);
		return -1;
	}
	if (!R.cfg.ncpus)
		R.cfg.ncpus = maxcpu + 1;
	if (R.cfg.ncpus > REF_MAX_CPUS || R.cfg.ncpus < maxcpu + 1) {
		out->failed = 1;
		snprintf(out->failure, sizeof(out->failure),
			 "internal: bad CPU count %u", R.cfg.ncpus);
		return -1;
	}
	R.ncpus = (int)R.cfg.ncpus;
	R.max_steps = R.cfg.max_steps ? R.cfg.max_steps : limit_steps;
	R.total_steps = 0;
	R.forced = NULL;
	R.nforced = 0;
	R.replay_len = 0;
	return 0;
}

void kmapref_set_trace(void (*fn)(const char *line, void *arg), void *arg)
{
	trace_fn = fn;
	trace_arg = arg;
}

void kmapref_set_limits(unsigned long max_interleavings,
			unsigned long max_steps)
{
	if (max_interleavings)
		limit_runs = max_interleavings;
	if (max_steps)
		limit_steps = max_steps;
}

void kmapref_explore(const struct kmapref_scenario *s, unsigned max_bound,
		     struct kmapref_result *out)
{
	unsigned long runs = 0;
	unsigned int b;

	if (prepare(s, out))
		return;
	install_fault_handler();
	for (b = 0; b <= max_bound; b++) {
		R.bound = b;
		R.replay_len = 0;
		for (;;) {
			if (runs >= limit_runs) {
				out->truncated = 1;
				goto done;
			}
			run_once();
			runs++;
			if (R.failed) {
				out->failed = 1;
				snprintf(out->failure, sizeof(out->failure),
					 "%s", R.failure);
				format_schedule(out->schedule,
						sizeof(out->schedule));
				out->bound = b;
				goto done;
			}
			if (!backtrack())
				break;
		}
		out->bound = b;
	}
done:
	remove_fault_handler();
	out->interleavings = runs;
	out->steps = R.total_steps;
}

int kmapref_replay(const struct kmapref_scenario *s, const char *schedule,
		   struct kmapref_result *out)
{
	static unsigned char forced[MAX_CHOICES];
	int n;

	if (prepare(s, out))
		return -1;
	n = parse_schedule(schedule ? schedule : "", forced, MAX_CHOICES);
	if (n < 0) {
		snprintf(out->failure, sizeof(out->failure),
			 "replay: malformed schedule \"%.200s\"", schedule);
		return -1;
	}
	R.forced = forced;
	R.nforced = (unsigned int)n;
	tracing = trace_fn != NULL;
	install_fault_handler();
	run_once();
	remove_fault_handler();
	if (tracing)
		trace("%s", R.failed ? R.failure : "every task returned");
	tracing = 0;
	R.forced = NULL;
	out->interleavings = 1;
	out->steps = R.total_steps;
	out->bound = R.preemptions;
	snprintf(out->failure, sizeof(out->failure), "%s", R.failure);
	if (R.replay_error)
		return -1;
	out->failed = R.failed;
	format_schedule(out->schedule, sizeof(out->schedule));
	return 0;
}
