// The pkmap pool of the reference implementation (reference/mm/highmem.c) in
// its three variants.
// 1. As in the kernel today: silent (the sleeping path re-checks).
// RUN: not %kmapcheck --quiet --checks=-*,lock-drop-revalidate,ipi-under-irq-lock %ref_pool -- %ref_flags | FileCheck --check-prefix=TODAY %s --implicit-check-not=warning:
// TODAY: warning: {{.*}}[ipi-under-irq-lock]
// 2. The seed's patch: kmap_high's decision on page_address(page) is relied
//    on after flush_all_zero_pkmaps() dropped and re-took kmap_lock.
// RUN: not %kmapcheck --quiet --checks=-*,lock-drop-revalidate,ipi-under-irq-lock %ref_pool -- %ref_flags -DKMAP_FLUSH_UNLOCKED | FileCheck --check-prefix=PATCH %s --implicit-check-not=warning:
// PATCH: highmem.c:136:2: warning: 'set_page_address' relies on 'page_address(page)' read before 'kmap_lock' was dropped in flush_all_zero_pkmaps and re-taken; other tasks may have changed it: re-read it after re-taking the lock [lock-drop-revalidate]
// PATCH-NEXT: {{^}}	set_page_address(page, (void *)vaddr);
// PATCH: note: 'page_address(page)' read under 'kmap_lock' here
// PATCH: note: decision taken on 'page_address(page)' here
// PATCH: highmem.c:75:3: note: 'kmap_lock' released here in flush_all_zero_pkmaps (called from map_new_virtual)
// PATCH: highmem.c:77:3: note: 'kmap_lock' re-taken here
// PATCH: highmem.c:147:6: note: assuming '!vaddr' is true
// 3. The patch plus a re-check of page_address(page) after the re-take.
// RUN: %kmapcheck --quiet --checks=-*,lock-drop-revalidate,ipi-under-irq-lock %ref_pool -- %ref_flags -DKMAP_FLUSH_UNLOCKED -DKMAP_FLUSH_RECHECK | count 0
// Negatives and direct drops in this file.
// RUN: not %kmapcheck --quiet --checks=-*,lock-drop-revalidate %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
#include <asm/tlbflush.h>
#include <linux/highmem.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(kmap_lock);
static int pkmap_count[8];
static unsigned int last_pkmap_nr;
static int other_data;

/* Dropped around a call; nothing guarded is relied on afterwards. */
void drop_nothing_relied(void) {
	int x;
	spin_lock(&kmap_lock);
	x = other_data;
	spin_unlock(&kmap_lock);
	flush_tlb_all();
	spin_lock(&kmap_lock);
	other_data = x + 1;
	spin_unlock(&kmap_lock);
}

/* A value read before the drop indexes a guarded array after it. */
void stale_index(void) {
	unsigned int nr;
	spin_lock(&kmap_lock);
	nr = last_pkmap_nr;
	spin_unlock(&kmap_lock);
	flush_tlb_all();
	spin_lock(&kmap_lock);
	pkmap_count[nr] = 1;
	spin_unlock(&kmap_lock);
}
// CHECK: [[@LINE-3]]:2: warning: a store to 'pkmap_count' relies on 'last_pkmap_nr' read before 'kmap_lock' was dropped and re-taken
// CHECK: note: 'last_pkmap_nr' read under 'kmap_lock' here
// CHECK: note: 'kmap_lock' released here
// CHECK: note: 'kmap_lock' re-taken here

/* Re-read after the re-take: silent. */
void reread(void) {
	unsigned int nr;
	spin_lock(&kmap_lock);
	nr = last_pkmap_nr;
	spin_unlock(&kmap_lock);
	flush_tlb_all();
	spin_lock(&kmap_lock);
	nr = last_pkmap_nr;
	pkmap_count[nr] = 1;
	spin_unlock(&kmap_lock);
}
