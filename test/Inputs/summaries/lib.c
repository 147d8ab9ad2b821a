/* Two calls away in a third file: lib_copy() -> a static helper ->
 * lib_alloc() of mm.c, which allocates with GFP_KERNEL. */
#include <linux/slab.h>

void *lib_alloc(int n);

static void *lib_buffer(int n) {
	return lib_alloc(n);
}

int lib_copy(void *dst, int n) {
	void *b = lib_buffer(n);
	if (!b)
		return -ENOMEM;
	memcpy(dst, b, n);
	kfree(b);
	return 0;
}

void fast_path(void) {
	void *p = kmalloc(8, GFP_ATOMIC);
	kfree(p);
}
