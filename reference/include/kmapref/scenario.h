/*
 * kmapref: how a scenario declares itself.
 *
 * A scenario is a kernel-style C file under reference/scenarios/ whose tasks
 * run on the reference model. It ends with one REF_SCENARIO():
 *
 *	REF_SCENARIO(local_order_bad, "kmap-local-order", REF_BAD,
 *		     "local mappings released out of order", "",
 *		     .setup = setup,
 *		     .tasks = { REF_TASK(task_copy, 0) },
 *		     .cfg = { .last_pkmap = 4 });
 *
 * The first argument must be the file's base name: the build generates the
 * scenario table from the file names.
 */
#ifndef KMAPREF_SCENARIO_H
#define KMAPREF_SCENARIO_H

#include <kmapref/kmapref.h>
#include <kmapref/task.h>

#define REF_BAD		1
#define REF_GOOD	0

/* How the model's own flush_all_zero_pkmaps() treats kmap_lock. */
enum ref_flush_variant {
	REF_FLUSH_LOCKED,		/* flush with kmap_lock held (today) */
	REF_FLUSH_UNLOCKED,		/* the 2024 patch: drop it around the flush */
	REF_FLUSH_UNLOCKED_RECHECK,	/* the patch + re-check page_address() */
};

struct ref_config {
	unsigned int last_pkmap;	/* pkmap entries: 2, 4 or 8 (0: 4) */
	unsigned int ncpus;		/* CPUs (0: highest task CPU + 1) */
	int kmap_lock_irq;		/* lock_kmap() disables IRQs */
	int flush_variant;		/* enum ref_flush_variant */
	int report_deprecated;		/* kmap(), kmap_atomic() ... fail */
	int user_resident;		/* user copies never fault */
	unsigned long max_steps;	/* per run (0: the global limit) */
};

struct ref_task_def {
	void (*fn)(void);
	int cpu;
	const char *name;
	int irq;	/* an interrupt handler, not a task (REF_IRQ()) */
};

struct ref_scenario_def {
	struct kmapref_scenario pub;	/* first: the public view */
	void (*setup)(void);		/* before the tasks, not interleaved */
	void (*finish)(void);		/* after all tasks returned */
	struct ref_task_def tasks[REF_MAX_TASKS];
	struct ref_config cfg;
};

#define REF_TASK(fn, cpu)	{ fn, cpu, #fn }
/*
 * An interrupt on a CPU: fires at most once per run, at any synchronisation
 * point of the task current on that CPU while its IRQs are on, and runs fn
 * to completion on top of it (`current` is that task).
 */
#define REF_IRQ(fn, cpu)	{ fn, cpu, #fn, 1 }

#define REF_SCENARIO(id, check, verdict, desc, also, ...)		\
	const struct ref_scenario_def ref_scenario__##id = {		\
		.pub = { #id, check, verdict, "scenarios/" #id ".c",	\
			 desc, also },					\
		__VA_ARGS__						\
	}

#endif /* KMAPREF_SCENARIO_H */
