/* struct page and struct mm_struct of the reference model (written for kmapcheck). */
#ifndef _KMAPREF_LINUX_MM_TYPES_H
#define _KMAPREF_LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/rwsem.h>

struct page {
	unsigned long flags;	/* PG_* bits */
	void *virtual;		/* kernel address while mapped, else NULL */
	int ref_count;		/* references, 0 when free */
};

struct folio {
	struct page page;
};

struct mm_struct {
	struct rw_semaphore mmap_lock;
	const char *name;
};

#define PG_highmem	0x1UL

#endif /* _KMAPREF_LINUX_MM_TYPES_H */
