/* Reached only through cfg.c, a TU the run analyses itself: cfg_deep()'s
 * summary names deep_alloc(), so this file, which the prefilter skips, is
 * parsed for its summary (fs/ecryptfs: mmap.c -> crypto.c -> inode.c). */
#include <linux/slab.h>

void *deep_alloc(int n) {
	return kmalloc(n, GFP_KERNEL);
}
