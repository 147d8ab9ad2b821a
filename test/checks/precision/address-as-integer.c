// Precision: an address turned into an integer, masked to its page and
// turned back (the shape of drivers/acpi/osl.c, which keeps the kmap()
// address of a page as '(unsigned long)virt & PAGE_MASK' in a list entry) is
// still the mapping's address: stored to the heap it escapes (no leak), and
// given to kunmap_local() it releases the mapping (no mismatch, no leak).
// So is an address kept with flags in its low bits (i915's reloc cache keeps
// its kmap_atomic() mapping as 'flags | (unsigned long)vaddr').
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>

#define MASK_TO_PAGE (~(4096UL - 1))

struct map_entry { void *virt; };
struct map_entry *new_entry(void);
void use(void *p);

static void *map_page(struct page *p) { return kmap(p); }

void *map_and_remember(struct page *p) {
	struct map_entry *e = new_entry();
	void *virt = map_page(p);

	e->virt = (void *)((unsigned long)virt & MASK_TO_PAGE);
	return e->virt;
}

void unmap_page_start(struct page *p, unsigned long off) {
	char *a = kmap_local_page(p);

	use(a + off);
	kunmap_local((void *)((unsigned long)(a + off) & MASK_TO_PAGE));
}

#define CACHE_KMAP 0x1UL
struct reloc_cache { unsigned long vaddr; };
unsigned long cache_flags(unsigned long v);

void cache_remap(struct reloc_cache *cache, struct page *p) {
	void *vaddr = kmap_atomic(p);

	cache->vaddr = cache_flags(cache->vaddr) | (unsigned long)vaddr;
}

void cache_unmap(struct reloc_cache *cache) {
	if (cache->vaddr & CACHE_KMAP)
		kunmap_atomic((void *)(cache->vaddr & ~CACHE_KMAP));
}
