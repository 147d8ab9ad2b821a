/*
 * Local IRQ control for the reference model (written for kmapcheck). Each
 * simulated CPU has an IRQ-enabled flag; a CPU takes an IPI only while its
 * IRQs are on, and acknowledges pending IPIs when they are turned back on.
 */
#ifndef _KMAPREF_LINUX_IRQFLAGS_H
#define _KMAPREF_LINUX_IRQFLAGS_H

void arch_local_irq_disable(void);
void arch_local_irq_enable(void);
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
int arch_irqs_disabled(void);

#define local_irq_disable()	arch_local_irq_disable()
#define local_irq_enable()	arch_local_irq_enable()
#define local_irq_save(flags)						\
	do {								\
		flags = arch_local_irq_save();				\
	} while (0)
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
#define irqs_disabled()		arch_irqs_disabled()

#endif /* _KMAPREF_LINUX_IRQFLAGS_H */
