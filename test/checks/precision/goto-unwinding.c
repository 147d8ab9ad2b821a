// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
int step(char *a);
int unwind(struct page *p, struct page *q, struct page *r) {
	int ret = -EFAULT;
	char *a, *b, *c;
	a = kmap_local_page(p);
	if (step(a))
		goto out_a;
	b = kmap_local_page(q);
	if (step(b))
		goto out_b;
	c = kmap_local_page(r);
	if (step(c))
		goto out_c;
	ret = 0;
out_c:
	kunmap_local(c);
out_b:
	kunmap_local(b);
out_a:
	kunmap_local(a);
	return ret;
}
