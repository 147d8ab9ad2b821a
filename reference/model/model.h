/*
 * Shared internals of the kernel-style model (every model/ file but sched.c and
 * mem.c, which are the scheduler and the simulated memory).
 */
#ifndef KMAPREF_MODEL_MODEL_H
#define KMAPREF_MODEL_MODEL_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

#include "core.h"

/* The saved-flags bit meaning "IRQs were on" (as X86_EFLAGS_IF). */
#define REF_IRQ_FLAG	0x200UL

/* The user address space all scenario tasks share. */
extern struct mm_struct ref_user_mm;

/* Fail with "sleeping in atomic context" when current may not sleep. */
void ref_check_sleep(const char *what);
/* A sleep point: the check, then a preemption point. */
void ref_sleep_point(const char *what);
/* Fail when the scenario asks to report deprecated API calls. */
void ref_deprecated(const char *name, const char *instead);
/* Turn a CPU's IRQs on and acknowledge the IPIs pending on it. */
void ref_cpu_irqs_enable(struct ref_cpu *c);
/* "holding spinlock ptl, preempt_count=1" */
void ref_describe_atomic(const struct task_struct *t, char *buf,
			 unsigned long size);
/* Name of the task holding a lock (pid + 1 encoded), for messages. */
const char *ref_owner_name(int owner);

#endif /* KMAPREF_MODEL_MODEL_H */
