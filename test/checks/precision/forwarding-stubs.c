// Syscall-style stubs: __x64_sys_X and __ia32_sys_X both only forward
// their registers to __se_sys_X. The second is not analysed again (the same
// callee from the same state: the same findings), and --stats counts it.
// A forwarder that passes a constant puts the callee in its own state and
// is analysed: its finding is still reported.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-local-order %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --stats --checks=-*,kmap-local-order %s -- %mock_highmem 2>&1 | FileCheck %s --check-prefix=STATS
#include <linux/highmem.h>

struct pt_regs { unsigned long di, si, bx, cx; };

static long do_copy(struct page *dst, struct page *src)
{
	char *d = kmap_local_page(dst);
	char *s = kmap_local_page(src);

	d[0] = s[0];
	kunmap_local(d);
	kunmap_local(s);
	return 0;
}
// CHECK: forwarding-stubs.c:[[@LINE-4]]:2: warning: 'd' released while 's' is the most recent local mapping

static long __se_sys_copy(long dst, long src)
{
	long ret = do_copy((struct page *)dst, (struct page *)src);
	return ret;
}

long __x64_sys_copy(const struct pt_regs *regs)
{
	return __se_sys_copy(regs->di, regs->si);
}

long __ia32_sys_copy(const struct pt_regs *regs)
{
	return __se_sys_copy((unsigned int)regs->bx, (unsigned int)regs->cx);
}

static long do_pair(struct page *a, struct page *b, int swap)
{
	char *x = kmap_local_page(a);
	char *y = kmap_local_page(b);

	if (swap) {
		kunmap_local(x);
		kunmap_local(y);
		return 1;
	}
	kunmap_local(y);
	kunmap_local(x);
	return 0;
}
// CHECK: forwarding-stubs.c:[[@LINE-8]]:3: warning: 'x' released while 'y' is the most recent local mapping

long pair_keep(struct page *a, struct page *b)
{
	return do_pair(a, b, 0);
}

long pair_swap(struct page *a, struct page *b)
{
	return do_pair(a, b, 1);
}

// STATS: kmapcheck: stats: 1 forwarding function(s) not analysed again
