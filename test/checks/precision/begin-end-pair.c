// Precision: the two halves of an exported pair (the shape of
// arch/x86/kernel/fpu/core.c: kernel_fpu_begin_mask() disables preemption and
// returns, kernel_fpu_end() enables it) are each correct; the caller pairs
// them. Functions that are not named as partners stay judged.
// RUN: %kmapcheck --quiet --checks=preempt-balance,pagefault-balance %s -- %mock_highmem -DPAIRS_ONLY | count 0
// RUN: not %kmapcheck --quiet --checks=preempt-balance,pagefault-balance %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

int busy(void);

void my_fpu_begin_mask(unsigned int mask) {
	preempt_disable();
	if (mask & 1)
		busy();
}

void my_fpu_end(void) {
	preempt_enable();
}

void user_access_begin_fast(void) { pagefault_disable(); }
void user_access_end_fast(void) { pagefault_enable(); }

#ifndef PAIRS_ONLY
/* Not a pair: no partner named 'stats_begin*'/'stats_get*'... */
void stats_end(void) {
	preempt_enable();
}
// CHECK: [[@LINE-2]]:2: warning: 'preempt_enable' enables preemption without a matching disable on this path [preempt-balance]

/* A begin whose partner does not only enable is judged. */
void cache_begin(void) { pagefault_disable(); }
// CHECK: [[@LINE-1]]:47: warning: 'cache_begin' returns with page faults disabled on this path (depth 1) [pagefault-balance]
void cache_end(void) {
	pagefault_disable();
	pagefault_enable();
	pagefault_enable();
}
// CHECK: [[@LINE-2]]:2: warning: 'pagefault_enable' enables page faults without a matching disable on this path [pagefault-balance]
#endif
