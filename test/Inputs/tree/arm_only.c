#ifndef __arm__
#error "built for ARM: the cross-compiler prefix must become --target"
#endif
#include <linux/highmem.h>
void arm_only(struct page *page) {
  char *x = kmap_atomic(page);
  x[0] = 0;
  kunmap_atomic(x);
}
