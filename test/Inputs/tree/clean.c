#include <linux/highmem.h>
void clean(struct page *page) {
  char *x = kmap_local_page(page);
  x[1] = 0;
  kunmap_local(x);
}
