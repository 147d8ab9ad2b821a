#include <linux/highmem.h>
#include "run-b.h"

void run_b(struct page *p) {
	char *b = kmap_local_page(p);
	b[0] = 1;
	kunmap_local(b);
}
