/* A kernel-style TU checked as Kbuild's CHECK= runs it. */
#ifdef __CHECKER__
#error "__CHECKER__ switches the kernel's headers into sparse's mode"
#endif
#include <linux/highmem.h>
#include <generated/autoconf.h>

int k(struct page *page) {
  char *x = kmap(page);
  int r = x[0] + KBUILD_VALUE;
  kunmap(page);
  return r;
}
