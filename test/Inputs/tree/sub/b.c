#include "../shared.h"
void b(struct page *page) {
  shared_zero(page);
}
