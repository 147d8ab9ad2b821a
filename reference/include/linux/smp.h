/* CPU identity for the reference model (written for kmapcheck). */
#ifndef _KMAPREF_LINUX_SMP_H
#define _KMAPREF_LINUX_SMP_H

#include <linux/types.h>

/* Fails the run when called with preemption enabled, as DEBUG_PREEMPT does. */
int debug_smp_processor_id(void);
#define smp_processor_id()	debug_smp_processor_id()
int raw_smp_processor_id(void);

#endif /* _KMAPREF_LINUX_SMP_H */
