// RUN: not %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

int ready(void);
void early_return(void) {
	preempt_disable();
	if (!ready())
		return;
	preempt_enable();
}
// CHECK: balance.c:[[@LINE-3]]:3: warning: 'early_return' returns with preemption disabled on this path (depth 1) [preempt-balance]
// CHECK: balance.c:[[@LINE-6]]:2: note: preemption disabled here

void enable_only(void) {
	preempt_enable();
}
// CHECK: balance.c:[[@LINE-2]]:2: warning: 'preempt_enable' enables preemption without a matching disable on this path

/* Negatives. */
static void helper(void) { preempt_enable(); }
void caller(void) {
	preempt_disable();
	helper();
}
void balanced(struct page *p) {
	char *a = kmap_atomic(p);
	kunmap_atomic(a);
}
