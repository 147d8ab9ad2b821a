#include <linux/highmem.h>
#include "run-a.h"

void run_a(struct page *p) {
	int n = 0;
	char *a = run_a_map(p, &n);
	a[0] = n;
	kunmap_local(a);
}
