#include <linux/highmem.h>
void broken(struct page *page) {
  char *x = kmap(page)
  kunmap(page);
}
