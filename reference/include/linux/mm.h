/*
 * Pages for the reference model (written for kmapcheck). page_address() of a
 * highmem page is its pkmap address while it is kmap()ed, NULL otherwise; a
 * lowmem page always has its direct-map address.
 */
#ifndef _KMAPREF_LINUX_MM_H
#define _KMAPREF_LINUX_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/bug.h>

extern struct page mem_map[];

static inline int PageHighMem(const struct page *page)
{
	return (page->flags & PG_highmem) != 0;
}

unsigned long page_to_pfn(const struct page *page);
struct page *pfn_to_page(unsigned long pfn);
void *page_address(const struct page *page);
void set_page_address(struct page *page, void *virtual);
void *lowmem_page_address(const struct page *page);

void get_page(struct page *page);
void put_page(struct page *page);

#endif /* _KMAPREF_LINUX_MM_H */
