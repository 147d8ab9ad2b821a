#include <linux/highmem.h>
int clean(struct page *page) {
  char *x = kmap_local_page(page);
  int r = x[0];
  kunmap_local(x);
  return r;
}
