/* A header with a deprecated call, included by two TUs. */
#include <linux/highmem.h>
static inline void shared_zero(struct page *page) {
  char *p = kmap_atomic(page);
  p[0] = 0;
  kunmap_atomic(p);
}
