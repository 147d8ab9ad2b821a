#include <linux/slab.h>

void *lib_alloc(int n) {
	return kmalloc(n, GFP_KERNEL);
}
