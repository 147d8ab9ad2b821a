/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_MM_TYPES_H
#define _MOCK_LINUX_MM_TYPES_H
#include <linux/types.h>
struct page {
  unsigned long flags;
  void *virtual;
};
struct folio {
  struct page page;
};
void *page_address(const struct page *page);
void set_page_address(struct page *page, void *virtual);
int PageHighMem(const struct page *page);
struct page *alloc_page(gfp_t gfp);
void __free_page(struct page *page);
void put_page(struct page *page);
#endif
