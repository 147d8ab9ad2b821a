/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * Static inline helpers of the shape of highmem.h's tail-zeroing helper:
 * it remaps a large folio page by page and returns the address the caller
 * must pass to kunmap_local(). */
#ifndef _MOCK_LINUX_HIGHMEM_TAIL_H
#define _MOCK_LINUX_HIGHMEM_TAIL_H
#include <linux/highmem.h>
size_t folio_size(struct folio *folio);
int folio_test_highmem(struct folio *folio);
void flush_dcache_folio(struct folio *folio);

static inline void *folio_zero_tail(struct folio *folio, size_t offset,
                                    void *kaddr) {
  size_t len = folio_size(folio) - offset;

  if (folio_test_highmem(folio)) {
    size_t max = PAGE_SIZE - (offset & (PAGE_SIZE - 1));

    while (len > max) {
      memset(kaddr, 0, max);
      kunmap_local(kaddr);
      len -= max;
      offset += max;
      max = PAGE_SIZE;
      kaddr = kmap_local_folio(folio, offset);
    }
  }
  memset(kaddr, 0, len);
  flush_dcache_folio(folio);
  return kaddr;
}
#endif
