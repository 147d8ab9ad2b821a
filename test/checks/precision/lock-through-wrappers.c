// Locks named through the kernel's wrappers: spin_lock_irqsave(lock, flags)
// is raw_spin_lock_irqsave(spinlock_check(lock), flags), and the raw lock
// sits in an anonymous union of spinlock_t; the release names the
// spinlock_t. Both are one lock. The rwlock forms are locks too.
// A lock whose identity is unknown (a pointer returned by an opaque call)
// never makes a report; --stats counts it.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --checks=-*,kmap-sleep-in-atomic --stats %s -- %mock_highmem 2>&1 >/dev/null | FileCheck --check-prefix=STATS %s
#include <linux/highmem.h>
#include <linux/spinlock.h>

struct port {
	spinlock_t lock;
	rwlock_t cfg_lock;
	struct page *buf_page;
	int tx_busy;
};

/* A driver's transmit path: the lock is dropped before the unmap. */
void port_tx(struct port *port) {
	unsigned long flags;
	char *buf = kmap(port->buf_page);
	spin_lock_irqsave(&port->lock, flags);
	port->tx_busy = buf[0];
	spin_unlock_irqrestore(&port->lock, flags);
	kunmap(port->buf_page);
	msleep(10);
}

/* The same through a lock pointer. */
void lock_ptr(spinlock_t *lock, struct page *page) {
	unsigned long flags;
	char *a = kmap(page);
	spin_lock_irqsave(lock, flags);
	a[0] = 0;
	spin_unlock_irqrestore(lock, flags);
	kunmap(page);
}

/* rwlock_t, every form, released before the unmap. */
void cfg_update(struct port *port) {
	unsigned long flags;
	char *a = kmap(port->buf_page);
	read_lock_irqsave(&port->cfg_lock, flags);
	a[0] = 1;
	read_unlock_irqrestore(&port->cfg_lock, flags);
	write_lock_irqsave(&port->cfg_lock, flags);
	a[1] = 1;
	write_unlock_irqrestore(&port->cfg_lock, flags);
	read_lock(&port->cfg_lock);
	read_unlock(&port->cfg_lock);
	write_lock_irq(&port->cfg_lock);
	write_unlock_irq(&port->cfg_lock);
	kunmap(port->buf_page);
}

/* Still reported: the unmap under the lock, named as written. */
void unmap_under_lock(struct port *port) {
	unsigned long flags;
	char *buf = kmap(port->buf_page);
	spin_lock_irqsave(&port->lock, flags);
	buf[0] = 0;
	kunmap(port->buf_page);
	spin_unlock_irqrestore(&port->lock, flags);
}
// CHECK: lock-through-wrappers.c:[[@LINE-3]]:2: warning: 'kunmap' may sleep; called while holding spinlock 'port->lock' [kmap-sleep-in-atomic]
// CHECK: lock-through-wrappers.c:[[@LINE-6]]:2: note: 'port->lock' taken here

void lock_ptr_held(spinlock_t *lock, struct page *page) {
	unsigned long flags;
	char *a = kmap(page);
	spin_lock_irqsave(lock, flags);
	a[0] = 0;
	kunmap(page);
	spin_unlock_irqrestore(lock, flags);
}
// CHECK: lock-through-wrappers.c:[[@LINE-3]]:2: warning: 'kunmap' may sleep; called while holding spinlock 'lock' [kmap-sleep-in-atomic]
// CHECK: lock-through-wrappers.c:[[@LINE-6]]:2: note: 'lock' taken here

void write_locked(struct port *port) {
	char *a = kmap(port->buf_page);
	write_lock(&port->cfg_lock);
	a[0] = 0;
	kunmap(port->buf_page);
	write_unlock(&port->cfg_lock);
}
// CHECK: lock-through-wrappers.c:[[@LINE-3]]:2: warning: 'kunmap' may sleep; called while holding spinlock 'port->cfg_lock' [kmap-sleep-in-atomic]
// CHECK: lock-through-wrappers.c:[[@LINE-6]]:2: note: 'port->cfg_lock' taken here

/* Identity unknown: each call of port_lock() may return another lock. */
spinlock_t *port_lock(struct port *port);
void opaque_lock(struct port *port) {
	char *a = kmap(port->buf_page);
	spin_lock(port_lock(port));
	a[0] = 0;
	spin_unlock(port_lock(port));
	kunmap(port->buf_page);
}
// STATS: kmapcheck: stats: 2 lock operation(s) of unknown identity (never reported)
