#include "shared.h"
void a(struct page *page) {
  char *x = kmap(page);
  x[1] = 0;
  kunmap(page);
  shared_zero(page);
}
