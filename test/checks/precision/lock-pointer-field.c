// The shape of drivers/ata/libata-sff.c ata_sff_pio_task(): the lock is
// what a pointer field points to (spin_lock_irq(ap->lock), 'spinlock_t
// *lock' in the port). A call that receives the port makes the engine read
// ap->lock again, a new value; the unlock before the sleep still releases
// the lock taken through the same field. Before, the lock stayed held, and
// the sleep was reported "while holding spinlock ''".
// RUN: %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | count 0
// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem -DSLEEP_HELD | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/spinlock.h>

struct port {
	spinlock_t *lock;
	int state;
};

int busy_wait(struct port *ap, int tries);

void pio_task(struct port *ap, struct page *page)
{
	char *a = kmap_local_page(page);
	spin_lock_irq(ap->lock);
	if (busy_wait(ap, 5)) {
#ifndef SLEEP_HELD
		spin_unlock_irq(ap->lock);
#endif
		msleep(2);
#ifndef SLEEP_HELD
		spin_lock_irq(ap->lock);
#endif
	}
	ap->state = a[0];
	spin_unlock_irq(ap->lock);
	kunmap_local(a);
}
// CHECK: lock-pointer-field.c:[[@LINE-9]]:3: warning: 'msleep' may sleep; called while holding spinlock 'ap->lock' [kmap-sleep-in-atomic]
