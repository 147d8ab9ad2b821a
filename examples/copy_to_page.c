// SPDX-License-Identifier: GPL-2.0
/*
 * Example kernel-style code for kmapcheck's demo (written for kmapcheck, not
 * taken from the kernel). Run `kmapcheck` with no arguments to analyse it.
 */
#include <linux/highmem.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

/* kmap_atomic() whose section relies on page faults being disabled: the
 * fix-it keeps them disabled with pagefault_disable()/pagefault_enable(). */
static int fill_page_from_user(struct page *page, const void __user *src,
                               size_t len)
{
	char *kaddr = kmap_atomic(page);
	unsigned long left;

	left = __copy_from_user_inatomic(kaddr, src, len);
	kunmap_atomic(kaddr);
	return left ? -EFAULT : 0;
}

/* A plain kmap()/kunmap() pair: converted to kmap_local_page(). */
static void zero_tail(struct page *page, size_t offset)
{
	char *addr = kmap(page);

	memset(addr + offset, 0, PAGE_SIZE - offset);
	kunmap(page);
}

/* The address escapes: no fix-it, and a note says why. */
static char *saved;

static void remember(struct page *page)
{
	char *addr = kmap(page);

	saved = addr;
	kunmap(page);
}

/* Per-CPU access under kmap_atomic(): the fix-it keeps preemption disabled. */
static unsigned long counter;

static void count_page(struct page *page)
{
	unsigned long *p = kmap_atomic(page);

	*p = this_cpu_read(counter);
	kunmap_atomic(p);
}

int demo(struct page *page, const void __user *src)
{
	zero_tail(page, 16);
	remember(page);
	count_page(page);
	return fill_page_from_user(page, src, 64);
}
