// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lock);
struct mutex m;

void kmap_under_spinlock(struct page *page) {
	spin_lock(&lock);
	char *a = kmap_local_page(page);
	char *b = kmap(page);
	b[0] = a[0];
	kunmap_local(a);
	spin_unlock(&lock);
}
// CHECK: sleep.c:[[@LINE-5]]:12: warning: 'kmap' may sleep; called while holding spinlock 'lock' [kmap-sleep-in-atomic]
// CHECK: sleep.c:[[@LINE-8]]:2: note: 'lock' taken here

int copy_in_atomic_section(struct page *page, const void __user *u) {
	char *a = kmap_atomic(page);
	int r;
	pagefault_enable();
	r = copy_from_user(a, u, 8);
	pagefault_disable();
	kunmap_atomic(a);
	return r;
}
// CHECK: sleep.c:[[@LINE-5]]:6: warning: 'copy_from_user' may sleep to fault pages in (page faults are enabled); called inside the kmap_atomic() section of 'a'

void mutex_with_irqs_off(struct page *page, unsigned long flags) {
	char *a = kmap_local_page(page);
	spin_lock_irqsave(&lock, flags);
	spin_unlock(&lock);
	mutex_lock(&m);
	mutex_unlock(&m);
	kunmap_local(a);
}
// CHECK: sleep.c:[[@LINE-4]]:2: warning: 'mutex_lock' may sleep; called with IRQs disabled

void schedule_preempt_off(void) {
	preempt_disable();
	schedule();
	preempt_enable();
}
// CHECK: sleep.c:[[@LINE-3]]:2: warning: 'schedule' may sleep; called with preemption disabled

/* Functions with no map, unmap, page-fault or preemption call are not
 * analysed path-sensitively (the check is about highmem sections). */
void lock_only(void) {
	spin_lock(&lock);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock(&lock);
}

/* Negatives: a user copy with page faults disabled fails fast. */
int copy_atomic_on_purpose(struct page *page, const void __user *u) {
	char *a = kmap_atomic(page);
	int r = copy_from_user(a, u, 8);
	kunmap_atomic(a);
	return r;
}
void sleep_outside(struct page *page) {
	spin_lock(&lock);
	spin_unlock(&lock);
	mutex_lock(&m);
	mutex_unlock(&m);
}
