// Precision: all path-sensitive checks stay silent.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
#include <linux/highmem.h>
#include <linux/spinlock.h>
void map_array(struct page **pages, char **addrs, int n) {
	int i;
	if (n > 4)
		return;
	for (i = 0; i < n; i++)
		addrs[i] = kmap_local_page(pages[i]);
	for (i = n - 1; i >= 0; i--)
		kunmap_local(addrs[i]);
}
void fixed_array(struct page **pages) {
	char *addrs[3];
	int i;
	for (i = 0; i < 3; i++)
		addrs[i] = kmap_local_page(pages[i]);
	for (i = 2; i >= 0; i--)
		kunmap_local(addrs[i]);
}
