/*
 * Internal interface between the scheduler (sched.c), the simulated memory
 * (mem.c) and the kernel-style model (the other files of model/).
 */
#ifndef KMAPREF_MODEL_CORE_H
#define KMAPREF_MODEL_CORE_H

#include <kmapref/scenario.h>
#include <kmapref/task.h>

#define REF_NR_PAGES	64	/* simulated physical pages */
#define REF_PKMAP_MAX	8	/* = LAST_PKMAP_MAX */

/* ---- Simulated memory (mem.c) ---- */

/* Once per process; 0 on success, else -1 with a reason in err. */
int ref_mem_init(char *err, unsigned long size);
/* Before every run: unmap every pkmap and fixmap address. */
void ref_mem_reset(void);
void *ref_mem_direct(unsigned long pfn);	/* the direct map of a page */
void ref_mem_zero(unsigned long pfn);
int ref_mem_is_direct(unsigned long addr);
unsigned long ref_mem_pkmap_base(void);
unsigned long ref_mem_fixmap_addr(int cpu, int idx);
/* 1 when addr is inside the local-mapping window; sets *cpu and *idx. */
int ref_mem_fixmap_slot(unsigned long addr, int *cpu, int *idx);
void ref_mem_pkmap_set(int nr, unsigned long pfn);
void ref_mem_pkmap_clear(int nr);
void ref_mem_pkmap_access(int nr, int accessible);
void ref_mem_fixmap_set(int cpu, int idx, unsigned long pfn);
void ref_mem_fixmap_clear(int cpu, int idx);
/* The page a local-mapping slot maps, -1 when it is clear. */
long ref_mem_fixmap_pfn(int cpu, int idx);
/* 1 when a fault at addr is on a model address; describes it. */
int ref_mem_describe_fault(unsigned long addr, char *buf, unsigned long size);

/* ---- The model, called by the scheduler ---- */

const struct ref_config *ref_cfg(void);
/* Before every run, after ref_mem_reset(). */
void ref_model_reset(const struct ref_config *cfg);
void ref_model_task_init(struct task_struct *t);
/* Checked between steps: 1 with a description when an invariant broke. */
int ref_model_invariants(char *buf, unsigned long size);
/* In the task's context when its function returned; may ref_fail(). */
void ref_model_task_exit(struct task_struct *t);
/* After every task returned (and the finish function ran). */
int ref_model_end(char *buf, unsigned long size);
/* Context switch on a CPU: prev's local mappings out, next's in. */
void ref_model_switch(struct ref_cpu *cpu, struct task_struct *prev,
		      struct task_struct *next);
/* 1 when t sleeps waiting for a free pkmap entry. */
int ref_model_pool_wait(const struct task_struct *t);

#endif /* KMAPREF_MODEL_CORE_H */
