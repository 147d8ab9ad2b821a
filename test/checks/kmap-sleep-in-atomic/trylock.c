// A trylock holds its lock only where it returned nonzero
// (rules/api/locks.yaml, 'try: true'): a sleep on that branch is in atomic
// context, a sleep on the branch where the lock was not taken is not.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lock);
static DEFINE_RWLOCK(rw);

void copy_if_uncontended(struct page *page, char *to) {
	char *a = kmap_local_page(page);
	if (spin_trylock(&lock)) {
		char *b = kmap(page);
		to[0] = a[0] + b[0];
		kunmap(page);
		spin_unlock(&lock);
	}
	kunmap_local(a);
}
// CHECK: trylock.c:[[@LINE-7]]:13: warning: 'kmap' may sleep; called while holding spinlock 'lock' [kmap-sleep-in-atomic]
// CHECK: trylock.c:[[@LINE-9]]:6: note: 'lock' taken here
// CHECK: trylock.c:[[@LINE-7]]:3: warning: 'kunmap' may sleep; called while holding spinlock 'lock' [kmap-sleep-in-atomic]

void fall_back_when_busy(struct page *page, char *to) {
	char *a = kmap_local_page(page);
	if (!write_trylock(&rw)) {
		char *b = kmap(page);
		to[0] = a[0] + b[0];
		kunmap(page);
		kunmap_local(a);
		return;
	}
	to[1] = a[1];
	write_unlock(&rw);
	kunmap_local(a);
}
