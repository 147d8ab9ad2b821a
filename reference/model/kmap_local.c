/*
 * Local mappings of the reference model: kmap_local_page(), kunmap_local(),
 * kmap_atomic(), kunmap_atomic() and their context switch. Written for
 * kmapcheck from Documentation/mm/highmem.rst and the 2020 design review of
 * preemptible local mappings; not kernel code.
 *
 * Each task has a stack of local mappings (kmap_ctrl.idx entries, at most
 * KM_MAX_IDX). Entry i of a task running on CPU c lives in CPU c's slot i.
 * As with CONFIG_DEBUG_KMAP_LOCAL, an unmap must name the most recent live
 * mapping (any address inside its page); anything else is reported.
 *
 * Local mappings survive preemption: when a CPU switches from one task to
 * another, the old task's slots are cleared and the new task's installed,
 * and neither task's kmap_ctrl.idx changes (so a local mapping taken in
 * between, by an interrupt, uses the next entry). The scheduler does that
 * in one step; a scenario can carry its own switch code instead, with
 * kmap_local_pte_clear()/kmap_local_pte_set() and __switch_to(), and an
 * interrupt can then come between any two of its steps.
 *
 * A map onto a slot that still holds a live entry (of a task being switched
 * in or out) overwrites that entry: reported as "kmap_local overwrite".
 */
#include "model.h"

void *__kmap_local_page_prot(struct page *page, pgprot_t prot)
{
	struct task_struct *t = current;
	int idx;

	(void)prot;
	ref_yield_at("kmap_local_page()", NULL);
	if (!PageHighMem(page))
		return page_address(page);
	idx = t->kmap_ctrl.idx;
	if (idx >= KM_MAX_IDX)
		ref_fail("kmap_local stack overflow: %s takes local mapping #%d, more than KM_MAX_IDX (%d) live at once",
			 t->comm, idx + 1, KM_MAX_IDX);
	if (ref_mem_fixmap_pfn(t->cpu, idx) >= 0)
		ref_fail("kmap_local overwrite: %s%s%s maps %s's entry #%d at local slot %d of cpu%d, which still holds a live entry (page %ld) that is not %s's",
			 ref_running()->comm, ref_running() != t ? " on " : "",
			 ref_running() != t ? t->comm : "", t->comm, idx + 1,
			 idx, t->cpu, ref_mem_fixmap_pfn(t->cpu, idx), t->comm);
	t->kmap_ctrl.idx = idx + 1;
	t->kmap_ctrl.pteval[idx] = page;
	ref_mem_fixmap_set(t->cpu, idx, page_to_pfn(page));
	return (void *)ref_mem_fixmap_addr(t->cpu, idx);
}

void kunmap_local_indexed(const void *vaddr)
{
	struct task_struct *t = current;
	unsigned long addr = (unsigned long)vaddr;
	int cpu, idx, top;

	ref_yield_at("kunmap_local()", NULL);
	if (!ref_mem_fixmap_slot(addr, &cpu, &idx)) {
		/* A lowmem page's address: there was nothing to map. */
		if (ref_mem_is_direct(addr))
			return;
		if (addr >= PKMAP_ADDR(0) && addr < PKMAP_ADDR(LAST_PKMAP_MAX))
			ref_fail("unmap mismatch: kunmap_local() by %s of a kmap() address (pkmap entry %d)",
				 t->comm, PKMAP_NR(addr));
		ref_fail("unmap mismatch: kunmap_local() by %s of an address that is no local mapping",
			 t->comm);
	}
	top = t->kmap_ctrl.idx - 1;
	if (cpu != t->cpu)
		ref_fail("unmap mismatch: %s on cpu%d unmaps a local mapping of cpu%d",
			 t->comm, t->cpu, cpu);
	if (idx > top)
		ref_fail("unmap mismatch: kunmap_local() by %s of slot %d, which is not live (%d live): a double unmap, or an address past the mapped page",
			 t->comm, idx, top + 1);
	if (idx < top)
		ref_fail("kmap_local stack misuse: %s releases local mapping #%d while #%d, taken after it, is still live (release in reverse order)",
			 t->comm, idx + 1, top + 1);
	ref_mem_fixmap_clear(cpu, idx);
	t->kmap_ctrl.pteval[idx] = NULL;
	t->kmap_ctrl.idx = top;
}

void *kmap_atomic(struct page *page)
{
	ref_deprecated("kmap_atomic", "kmap_local_page");
	preempt_disable();
	pagefault_disable();
	return __kmap_local_page_prot(page, kmap_prot);
}

void __kunmap_atomic(const void *addr)
{
	ref_deprecated("kunmap_atomic", "kunmap_local");
	kunmap_local_indexed(addr);
	pagefault_enable();
	preempt_enable();
}

void kmap_local_pte_clear(int idx)
{
	ref_yield_at("kmap_local_pte_clear()", NULL);
	ref_mem_fixmap_clear(current->cpu, idx);
}

void kmap_local_pte_set(int idx, struct page *page)
{
	struct task_struct *t = current;

	ref_yield_at("kmap_local_pte_set()", NULL);
	if (ref_mem_fixmap_pfn(t->cpu, idx) >= 0)
		ref_fail("kmap_local overwrite: restoring local slot %d of cpu%d, which holds a live entry (page %ld)",
			 idx, t->cpu, ref_mem_fixmap_pfn(t->cpu, idx));
	ref_mem_fixmap_set(t->cpu, idx, page_to_pfn(page));
}

void ref_model_switch(struct ref_cpu *cpu, struct task_struct *prev,
		      struct task_struct *next)
{
	int i;

	if (prev == next)
		return;
	if (prev)
		for (i = 0; i < prev->kmap_ctrl.idx; i++)
			ref_mem_fixmap_clear(cpu->id, i);
	if (next)
		for (i = 0; i < next->kmap_ctrl.idx; i++)
			ref_mem_fixmap_set(cpu->id, i,
				page_to_pfn(next->kmap_ctrl.pteval[i]));
}
