// The pkmap pool of the reference implementation (reference/mm/highmem.c,
// the kernel's structure) in its three variants, with and without
// ARCH_NEEDS_KMAP_HIGH_GET.
// 1. As in the kernel today: the flush runs under kmap_lock. With lock_kmap()
//    = spin_lock(), the report names the configuration that deadlocks:
// RUN: not %kmapcheck --quiet --checks=-*,ipi-under-irq-lock,lock-drop-revalidate %ref_pool -- %ref_flags | FileCheck --check-prefix=TODAY %s --implicit-check-not=warning:
// TODAY: highmem.c:80:3: warning: 'flush_tlb_kernel_range' waits for other CPUs to take an IPI while holding 'kmap_lock'; on configurations with ARCH_NEEDS_KMAP_HIGH_GET, kmap_lock is taken with IRQs disabled, and a CPU spinning on it never takes the IPI: deadlock [ipi-under-irq-lock]
// TODAY-NEXT: {{^}}		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
// TODAY: note: 'kmap_lock' taken here
// TODAY: note: assuming 'need_flush' is true
//    With lock_kmap() = spin_lock_irq() (ARCH_NEEDS_KMAP_HIGH_GET) the
//    deadlock is on this path, without the configuration note:
// RUN: not %kmapcheck --quiet --checks=-*,ipi-under-irq-lock,lock-drop-revalidate %ref_pool -- %ref_flags -DARCH_NEEDS_KMAP_HIGH_GET | FileCheck --check-prefix=IRQOFF %s --implicit-check-not=warning:
// IRQOFF: highmem.c:80:3: warning: 'flush_tlb_kernel_range' waits for other CPUs to take an IPI while 'kmap_lock' is held with IRQs disabled; a CPU spinning on 'kmap_lock' with IRQs off never takes it: deadlock [ipi-under-irq-lock]
// IRQOFF: note: 'kmap_lock' taken with IRQs disabled here
// 2. The seed's patch drops the lock around the flush: no IPI wait under
//    the lock (lock-drop-revalidate's test covers the other half).
// RUN: %kmapcheck --quiet --checks=-*,ipi-under-irq-lock %ref_pool -- %ref_flags -DKMAP_FLUSH_UNLOCKED -DARCH_NEEDS_KMAP_HIGH_GET | count 0
// 3. The patch plus the re-check: silent.
// RUN: %kmapcheck --quiet --checks=-*,ipi-under-irq-lock %ref_pool -- %ref_flags -DKMAP_FLUSH_UNLOCKED -DKMAP_FLUSH_RECHECK | count 0
// Negatives in this file: irqsave regions without waits, on_each_cpu with
// wait = 0, a wait with no lock held.
// RUN: not %kmapcheck --quiet --checks=-*,ipi-under-irq-lock %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <asm/tlbflush.h>
#include <linux/highmem.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(a_lock);
static DEFINE_SPINLOCK(b_lock);
static void ipi_func(void *info) {}

void irqsave_without_wait(struct page *p, unsigned long flags) {
	char *x = kmap_local_page(p);
	spin_lock_irqsave(&a_lock, flags);
	x[0] = 0;
	spin_unlock_irqrestore(&a_lock, flags);
	kunmap_local(x);
}

void no_wait(void) {
	spin_lock(&a_lock);
	on_each_cpu(ipi_func, NULL, 0);
	spin_unlock(&a_lock);
}

void wait_without_lock(void) {
	flush_tlb_kernel_range(0, PAGE_SIZE);
	on_each_cpu(ipi_func, NULL, 1);
}

/* b_lock is never taken with IRQs off: waiting under it is fine. */
void wait_under_plain_lock(void) {
	spin_lock(&b_lock);
	flush_tlb_all();
	spin_unlock(&b_lock);
}

/* a_lock is taken with IRQs off in irqsave_without_wait(). */
void wait_under_irq_lock(void) {
	spin_lock(&a_lock);
	on_each_cpu(ipi_func, NULL, 1);
	spin_unlock(&a_lock);
}
// CHECK: [[@LINE-3]]:2: warning: 'on_each_cpu' waits for other CPUs to take an IPI while holding 'a_lock', which this file also takes with IRQs disabled; a CPU spinning on it with IRQs off never takes the IPI: deadlock [ipi-under-irq-lock]
// CHECK: note: 'a_lock' taken here
// CHECK: note: 'a_lock' taken with IRQs disabled here
