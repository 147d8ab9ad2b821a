/*
 * The reference model, GOOD: local mappings switched in two halves, as
 * merged (prev's entries unmapped in prepare_switch(), next's mapped in
 * finish_switch() once `current` is next; neither touches kmap_ctrl.idx).
 * An interrupt anywhere in the switch uses the entry after current's, which
 * is free in both halves; no preemption bound finds a failure (one interrupt
 * makes the schedules finite). See kernel/kmap_local_switch.c.
 */
#define KMAP_LOCAL_SPLIT_SWITCH
#include "../kernel/kmap_local_switch.c"

REF_SCENARIO(local_switch_irq_good, KMAPREF_MODEL_ONLY, REF_GOOD,
	     "split switch of local mappings (unmap in prepare_switch, map in finish_switch): interrupts anywhere are safe",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_a, 0), REF_IRQ(irq_handler, 0) });
