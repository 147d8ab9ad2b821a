/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * The shape of include/linux/gfp.h: alloc_page() is a macro around
 * alloc_pages(). */
#ifndef _MOCK_LINUX_GFP_H
#define _MOCK_LINUX_GFP_H
#include <linux/mm_types.h>
#include <linux/types.h>
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
void __free_pages(struct page *page, unsigned int order);
#endif
