/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_ASM_TLBFLUSH_H
#define _MOCK_ASM_TLBFLUSH_H
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_all(void);
#endif
