/*
 * kmapref: the public C interface of kmapcheck's reference implementation.
 *
 * The reference implementation is a user-space model of the kernel's highmem
 * machinery (pkmap pool, kmap_local stacks, kmap_atomic, page-fault and
 * preemption counters, spinlocks with IRQ state, TLB-flush IPIs) running
 * kernel-style scenarios under a deterministic scheduler that explores
 * interleavings under a preemption bound.
 *
 * Everything here is single-threaded and deterministic; a failure comes with a
 * schedule string that kmapref_replay() reproduces exactly. The library is not
 * reentrant: run one exploration at a time per process.
 */
#ifndef KMAPREF_KMAPREF_H
#define KMAPREF_KMAPREF_H

#ifdef __cplusplus
extern "C" {
#endif

struct kmapref_scenario {
	const char *name;	/* e.g. "flush_deadlock_bad" */
	const char *check_id;	/* e.g. "ipi-under-irq-lock" */
	int expect_bad;		/* 1: the scenario must fail, 0: must pass */
	/* Path of the scenario file relative to reference/. */
	const char *source;
	/* One line saying what the scenario shows. */
	const char *description;
	/*
	 * Other check ids the scenario's source is expected to trigger
	 * statically, comma-separated ("" when none), e.g. a scenario about
	 * the kmap() pool necessarily calls the deprecated kmap().
	 */
	const char *also_flags;
};

/*
 * The check id of a scenario about the model's own design (e.g. how local
 * mappings survive a context switch): only its dynamic verdict counts, and
 * kmapcheck's checks must report nothing on it.
 */
#define KMAPREF_MODEL_ONLY "(model)"

unsigned kmapref_scenario_count(void);
/* NULL when i >= kmapref_scenario_count(). Sorted by name. */
const struct kmapref_scenario *kmapref_scenario_at(unsigned i);
/* NULL when there is no scenario of that name. */
const struct kmapref_scenario *kmapref_scenario_find(const char *name);

struct kmapref_result {
	int failed;		/* 1 when a failure was detected */
	char failure[256];	/* what was detected, e.g. "deadlock: ..." */
	char schedule[512];	/* replayable with kmapref_replay() */
	unsigned long interleavings;	/* complete runs executed */
	/* The bound at which it failed, or the highest bound fully explored. */
	unsigned bound;
	/* 1 when the interleaving budget ran out before max_bound was done. */
	int truncated;
	unsigned long steps;	/* scheduler steps over all runs */
};

/*
 * Explore the scenario's interleavings with 0, 1, ... max_bound preemptions,
 * depth-first, stopping at the first failure. Without a failure, out->bound
 * is the highest bound completely explored (max_bound unless truncated).
 */
void kmapref_explore(const struct kmapref_scenario *s, unsigned max_bound,
		     struct kmapref_result *out);

/*
 * Run the scenario once following `schedule` (a comma-separated list of task
 * numbers, one per scheduling decision; "3*2" means "3,3"); when the schedule
 * runs out, the default policy (keep running the current task) goes on.
 * Returns 0 when the schedule could be followed (out->failed says whether
 * the run failed), -1 when it is malformed or names a task that could not
 * run at that point (out->failure says why).
 */
int kmapref_replay(const struct kmapref_scenario *s, const char *schedule,
		   struct kmapref_result *out);

/*
 * Work limits: complete runs per kmapref_explore() call (default 200000) and
 * scheduler steps per run (default 20000; exceeding it is reported as a
 * livelock). 0 keeps the current value.
 */
void kmapref_set_limits(unsigned long max_interleavings,
			unsigned long max_steps);

/*
 * Trace every scheduling decision of the following replays (not of
 * explorations) to fn, one line each, e.g. "#4 task_b (cpu1) runs from
 * spin_lock(kmap_lock) [preempts task_a]". NULL turns tracing off.
 */
void kmapref_set_trace(void (*fn)(const char *line, void *arg), void *arg);

/* The bound the project uses for its scenario table and tests. */
#define KMAPREF_DEFAULT_BOUND 2

#ifdef __cplusplus
}
#endif

#endif /* KMAPREF_KMAPREF_H */
