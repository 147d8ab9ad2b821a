/*
 * Pages, page addresses, kernel ptes and the per-run state of the reference
 * model, with the invariants checked between scheduling steps and at the
 * end of a run. Written for kmapcheck.
 */
#include "model.h"

struct page mem_map[REF_NR_PAGES];
struct mm_struct init_mm = { .name = "init_mm" };
struct mm_struct ref_user_mm = {
	.mmap_lock = __RWSEM_INITIALIZER(mmap_lock),
	.name = "user mm",
};
pgprot_t kmap_prot = { 0x63 };

static unsigned int next_free_pfn;

unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

struct page *pfn_to_page(unsigned long pfn)
{
	BUG_ON(pfn >= REF_NR_PAGES);
	return &mem_map[pfn];
}

void *lowmem_page_address(const struct page *page)
{
	return ref_mem_direct(page_to_pfn(page));
}

void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return page->virtual;
}

void set_page_address(struct page *page, void *virtual)
{
	BUG_ON(!PageHighMem(page));
	page->virtual = virtual;
}

/*
 * Pages are handed out in order and never reused within a run, so a run's
 * pages depend only on its own allocations.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	BUG_ON(order != 0);
	if (gfp & __GFP_DIRECT_RECLAIM)
		ref_check_sleep("alloc_pages(GFP_KERNEL)");
	if (next_free_pfn >= REF_NR_PAGES)
		return NULL;
	page = &mem_map[next_free_pfn++];
	page->flags = (gfp & __GFP_HIGHMEM) ? PG_highmem : 0;
	page->virtual = NULL;
	page->ref_count = 1;
	ref_mem_zero(page_to_pfn(page));
	return page;
}

static void check_not_mapped(struct page *page, const char *how)
{
	struct task_struct *t = current;
	int i;

	if (PageHighMem(page) && page->virtual) {
		int nr = PKMAP_NR(page->virtual);

		if (nr >= 0 && nr < LAST_PKMAP && pkmap_count[nr] > 1)
			ref_fail("leak: %s of page %lu while it is kmap()ed: pkmap entry %d stays in use for good",
				 how, page_to_pfn(page), nr);
	}
	for (i = 0; i < t->kmap_ctrl.idx; i++)
		if (t->kmap_ctrl.pteval[i] == page)
			ref_fail("leak: %s of page %lu while %s still maps it with kmap_local_page()",
				 how, page_to_pfn(page), t->comm);
}

void __free_pages(struct page *page, unsigned int order)
{
	BUG_ON(order != 0);
	if (page->ref_count <= 0)
		ref_fail("BUG: __free_page() of free page %lu",
			 page_to_pfn(page));
	check_not_mapped(page, "__free_page()");
	page->ref_count = 0;
}

void get_page(struct page *page)
{
	page->ref_count++;
}

void put_page(struct page *page)
{
	if (page->ref_count <= 0)
		ref_fail("BUG: put_page() of free page %lu", page_to_pfn(page));
	if (page->ref_count == 1)
		check_not_mapped(page, "put_page()");
	page->ref_count--;
}

/* ---- Kernel ptes: only the pkmap table is backed by real mappings ---- */

static int pkmap_slot(const pte_t *ptep)
{
	if (ptep < pkmap_page_table || ptep >= pkmap_page_table + LAST_PKMAP)
		return -1;
	return (int)(ptep - pkmap_page_table);
}

void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte)
{
	int nr = pkmap_slot(ptep);

	(void)mm;
	*ptep = pte;
	if (nr < 0)
		return;
	BUG_ON(addr != PKMAP_ADDR(nr));
	ref_mem_pkmap_set(nr, pte_val(pte) >> PAGE_SHIFT);
}

void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	int nr = pkmap_slot(ptep);

	(void)mm;
	ptep->pte = 0;
	if (nr < 0)
		return;
	BUG_ON(addr != PKMAP_ADDR(nr));
	ref_mem_pkmap_clear(nr);
}

/* ---- Per-run state and invariants ---- */

void ref_model_reset(const struct ref_config *cfg)
{
	int i;

	ref_last_pkmap = cfg->last_pkmap;
	ref_pkmap_base = ref_mem_pkmap_base();
	for (i = 0; i < LAST_PKMAP_MAX; i++) {
		pkmap_count[i] = 0;
		pkmap_page_table[i].pte = 0;
	}
	last_pkmap_nr = 0;
	for (i = 0; i < REF_NR_PAGES; i++) {
		mem_map[i].flags = 0;
		mem_map[i].virtual = NULL;
		mem_map[i].ref_count = 0;
	}
	next_free_pfn = 0;
}

void ref_model_task_init(struct task_struct *t)
{
	t->mm = &ref_user_mm;
}

int ref_model_invariants(char *buf, unsigned long size)
{
	int i, j;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] < 0) {
			ref_snprintf(buf, size,
				     "pkmap_count underflow: pkmap_count[%d] is %d",
				     i, pkmap_count[i]);
			return 1;
		}
	}
	for (i = 0; i < LAST_PKMAP; i++) {
		if (!pkmap_count[i] || pte_none(pkmap_page_table[i]))
			continue;
		for (j = i + 1; j < LAST_PKMAP; j++) {
			if (!pkmap_count[j] ||
			    pte_val(pkmap_page_table[j]) !=
			    pte_val(pkmap_page_table[i]))
				continue;
			ref_snprintf(buf, size,
				     "double mapping: page %lu is mapped at pkmap entry %d (pkmap_count %d) and at pkmap entry %d (pkmap_count %d)",
				     pte_val(pkmap_page_table[i]) >> PAGE_SHIFT,
				     i, pkmap_count[i], j, pkmap_count[j]);
			return 1;
		}
	}
	return 0;
}

void ref_model_task_exit(struct task_struct *t)
{
	if (t->nr_held)
		ref_fail("lock imbalance: %s returns holding spinlock %s",
			 t->comm, t->held[0]);
	if (t->kmap_ctrl.idx)
		ref_fail("leak: %s returns with %d live local mapping(s) (kmap_local_page()/kmap_atomic() without unmap)",
			 t->comm, t->kmap_ctrl.idx);
	if (t->pagefault_disabled)
		ref_fail("pagefault imbalance: %s returns with page faults disabled (depth %d)",
			 t->comm, t->pagefault_disabled);
	if (t->preempt_count)
		ref_fail("preempt imbalance: %s returns with preemption disabled (preempt_count %d)",
			 t->comm, t->preempt_count);
	if (!ref_cpu(t->cpu)->irqs_on)
		ref_fail("irq imbalance: %s returns with IRQs disabled",
			 t->comm);
}

int ref_model_end(char *buf, unsigned long size)
{
	int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] > 1) {
			ref_snprintf(buf, size,
				     "leak: pkmap entry %d (page %lu) is still in use (pkmap_count %d) after every task returned: kmap() without kunmap()",
				     i, pte_val(pkmap_page_table[i]) >> PAGE_SHIFT,
				     pkmap_count[i]);
			return 1;
		}
	}
	return 0;
}

int ref_model_pool_wait(const struct task_struct *t)
{
	return t->ref_wait_obj == &pkmap_map_wait;
}
