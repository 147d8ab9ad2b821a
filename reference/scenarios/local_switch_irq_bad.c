/*
 * The reference model, BAD: local mappings switched in one step, as in the
 * 2020 RFC of preemptible kmap_local (kmap_switch_temporary() unmaps prev's
 * entries and maps next's; `current` changes separately). An interrupt
 * between restoring next's entries and the change of `current` maps a local
 * page at prev's next entry, which is one of next's restored entries: it
 * overwrites the entry (and, unmapping, loses it). The race Linus Torvalds
 * found in the review; see kernel/kmap_local_switch.c.
 */
#include "../kernel/kmap_local_switch.c"

REF_SCENARIO(local_switch_irq_bad, KMAPREF_MODEL_ONLY, REF_BAD,
	     "single-step switch of local mappings: an interrupt before `current` changes overwrites a restored entry",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_a, 0), REF_IRQ(irq_handler, 0) });
