/*
 * TLB flushes for the reference model (written for kmapcheck).
 *
 * flush_tlb_kernel_range() and flush_tlb_all() send an IPI to every other
 * simulated CPU and wait until each has acknowledged it. A CPU acknowledges
 * at once when its IRQs are on, otherwise when it turns them back on; a CPU
 * spinning on a lock with IRQs off never does.
 */
#ifndef _KMAPREF_ASM_TLBFLUSH_H
#define _KMAPREF_ASM_TLBFLUSH_H

void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_all(void);

#endif /* _KMAPREF_ASM_TLBFLUSH_H */
