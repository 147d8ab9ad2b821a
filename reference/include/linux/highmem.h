/*
 * The highmem API of the reference model (written for kmapcheck from the
 * documented semantics, Documentation/mm/highmem.rst; not kernel code). The
 * shapes follow the kernel's headers: the local maps are static inline
 * functions, the unmaps are macros with a build-time type check around
 * __kunmap_local()/__kunmap_atomic().
 *
 * - kmap()/kunmap(): the shared pkmap pool (kmap_high()/kunmap_high() for
 *   highmem pages); kmap() may sleep until an entry is free.
 * - kmap_local_page()/kunmap_local(): the per-task stack of local mappings,
 *   KM_MAX_IDX deep, released in reverse order (CONFIG_DEBUG_KMAP_LOCAL
 *   checks: an unmap that is not of the most recent mapping is reported as
 *   stack misuse). Local mappings survive preemption: a context switch
 *   removes the old task's entries and installs the new task's.
 * - kmap_atomic() = a local mapping + preempt_disable() + pagefault_disable();
 *   kunmap_atomic() undoes all three.
 *
 * kmap(), kunmap(), kmap_atomic() and kunmap_atomic() are deprecated; a
 * scenario can ask the model to fail when they are called.
 */
#ifndef _KMAPREF_LINUX_HIGHMEM_H
#define _KMAPREF_LINUX_HIGHMEM_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/highmem.h>

void *kmap_high(struct page *page);
void kunmap_high(struct page *page);

void *kmap(struct page *page);
void kunmap(struct page *page);

void *__kmap_local_page_prot(struct page *page, pgprot_t prot);
void kunmap_local_indexed(const void *vaddr);

static inline void *kmap_local_page(struct page *page)
{
	return __kmap_local_page_prot(page, kmap_prot);
}

static inline void *kmap_local_page_prot(struct page *page, pgprot_t prot)
{
	return __kmap_local_page_prot(page, prot);
}

static inline void *kmap_local_folio(struct folio *folio, size_t offset)
{
	return (char *)kmap_local_page(&folio->page) + offset;
}

static inline void __kunmap_local(const void *vaddr)
{
	kunmap_local_indexed(vaddr);
}

void *kmap_atomic(struct page *page);
void __kunmap_atomic(const void *addr);

#define kunmap_atomic(__addr)						\
	do {								\
		BUILD_BUG_ON(__same_type((__addr), struct page *));	\
		__kunmap_atomic(__addr);				\
	} while (0)

#define kunmap_local(__addr)						\
	do {								\
		BUILD_BUG_ON(__same_type((__addr), struct page *));	\
		__kunmap_local(__addr);					\
	} while (0)

/* Self-contained helpers: each maps and unmaps within itself. */
static inline void memcpy_from_page(char *to, struct page *page,
				    size_t offset, size_t len)
{
	char *from = kmap_local_page(page);

	memcpy(to, from + offset, len);
	kunmap_local(from);
}

static inline void memcpy_to_page(struct page *page, size_t offset,
				  const char *from, size_t len)
{
	char *to = kmap_local_page(page);

	memcpy(to + offset, from, len);
	kunmap_local(to);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	char *addr = kmap_local_page(page);

	memset(addr + offset, 0, len);
	kunmap_local(addr);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	char *vfrom = kmap_local_page(from);
	char *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vto);
	kunmap_local(vfrom);
}

#endif /* _KMAPREF_LINUX_HIGHMEM_H */
