/*
 * Page allocation for the reference model (written for kmapcheck). Pages come
 * from a small simulated physical memory that is reset before every run; a
 * page is zeroed when it is allocated.
 */
#ifndef _KMAPREF_LINUX_GFP_H
#define _KMAPREF_LINUX_GFP_H

#include <linux/types.h>

struct page;

#define __GFP_HIGHMEM		0x02u
#define __GFP_ZERO		0x100u
#define __GFP_DIRECT_RECLAIM	0x400u	/* the allocation may sleep */
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u

#define GFP_ATOMIC	0x20u
#define GFP_NOWAIT	0x0u
#define GFP_KERNEL	(__GFP_DIRECT_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOFS	(__GFP_DIRECT_RECLAIM | __GFP_IO)
#define GFP_USER	GFP_KERNEL
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page)	__free_pages((page), 0)

#endif /* _KMAPREF_LINUX_GFP_H */
