/*
 * TLB flushes by IPI in the reference model (written for kmapcheck).
 *
 * The flushing CPU sends an IPI to every other simulated CPU and waits until
 * each has acknowledged it. A CPU with IRQs on takes the IPI at once (a CPU
 * spinning on a lock with IRQs on included); a CPU with IRQs off takes it
 * when it turns them back on (ref_cpu_irqs_enable()). A CPU that spins with
 * IRQs off on a lock the flusher holds never does: deadlock.
 */
#include "model.h"

static int ipis_acked(struct task_struct *t)
{
	return t->ipi_waiting == 0;
}

static void send_ipis_and_wait(const char *fn)
{
	struct task_struct *t = current;
	char what[112];
	int cpu, len = 0;

	ref_yield_at(fn, "");
	what[0] = '\0';
	for (cpu = 0; cpu < ref_nr_cpus(); cpu++) {
		struct ref_cpu *c = ref_cpu(cpu);

		if (cpu == t->cpu || c->irqs_on)
			continue;
		c->ipi_from[c->nr_ipi++] = t;
		t->ipi_waiting++;
		len += ref_snprintf(what + len, sizeof(what) - len, "%scpu%d",
				    len ? ", " : "", cpu);
	}
	if (!t->ipi_waiting)
		return;
	{
		char desc[112];

		ref_snprintf(desc, sizeof(desc),
			     "waits in %s() for %s to acknowledge an IPI (IRQs off there)",
			     fn, what);
		ref_block(ipis_acked, t, 0, desc);
	}
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
	send_ipis_and_wait("flush_tlb_kernel_range");
}

void flush_tlb_all(void)
{
	send_ipis_and_wait("flush_tlb_all");
}
