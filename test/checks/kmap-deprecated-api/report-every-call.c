// Every call of a deprecated API is reported, in both mock configurations;
// nothing in comments, strings or #if 0; a call in a macro is reported at
// the expansion, without a fix-it.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-deprecated-api %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-deprecated-api %s -- %mock_nohighmem | FileCheck %s --implicit-check-not=warning:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-deprecated-api %s -- %mock_highmem > /dev/null
#include <linux/highmem.h>

/* kmap(page) in a comment is not a call */
static const char *doc = "kmap_atomic(page) in a string";
#if 0
static void dead(struct page *p) { kunmap(p); }
#endif

void all_apis(struct page *page, unsigned long pfn) {
  char *a = kmap(page);
  // CHECK: [[@LINE-1]]:13: warning: 'kmap' is deprecated; use 'kmap_local_page' instead [kmap-deprecated-api]
  char *b = kmap_atomic(page);
  // CHECK: [[@LINE-1]]:13: warning: 'kmap_atomic' is deprecated; use 'kmap_local_page' instead [kmap-deprecated-api]
  char *c = kmap_atomic_prot(page, kmap_prot);
  // CHECK: [[@LINE-1]]:13: warning: 'kmap_atomic_prot' is deprecated; use 'kmap_local_page_prot' instead [kmap-deprecated-api]
  char *d = kmap_atomic_pfn(pfn);
  // CHECK: [[@LINE-1]]:13: warning: 'kmap_atomic_pfn' is deprecated; use 'kmap_local_pfn' instead [kmap-deprecated-api]
  a[0] = b[0] + c[0] + d[0];
  kunmap_atomic(d);
  // CHECK: [[@LINE-1]]:3: warning: 'kunmap_atomic' is deprecated; use 'kunmap_local' instead [kmap-deprecated-api]
  kunmap_atomic(c);
  // CHECK: [[@LINE-1]]:3: warning: 'kunmap_atomic' is deprecated; use 'kunmap_local' instead [kmap-deprecated-api]
  kunmap_atomic(b);
  // CHECK: [[@LINE-1]]:3: warning: 'kunmap_atomic' is deprecated; use 'kunmap_local' instead [kmap-deprecated-api]
  kunmap(page);
  // CHECK: [[@LINE-1]]:3: warning: 'kunmap' is deprecated; use 'kunmap_local' on the mapped address instead [kmap-deprecated-api]
}

#define MAP_AND_ZERO(pg)                                                       \
  do {                                                                         \
    char *m = kmap_atomic(pg);                                                 \
    m[0] = 0;                                                                  \
    kunmap_atomic(m);                                                          \
  } while (0)

void in_macro(struct page *page) {
  MAP_AND_ZERO(page);
  // CHECK: [[@LINE-1]]:3: warning: 'kmap_atomic' is deprecated; use 'kmap_local_page' instead [kmap-deprecated-api]
  // CHECK: note: no fix-it: the call is inside macro 'MAP_AND_ZERO'
  // CHECK: [[@LINE-3]]:3: warning: 'kunmap_atomic' is deprecated; use 'kunmap_local' instead [kmap-deprecated-api]
}

/* The replacements are not reported. */
void already_local(struct page *page) {
  char *p = kmap_local_page(page);
  p[0] = 1;
  kunmap_local(p);
  memcpy_from_page(p, page, 0, 1);
}

/* A function the model names as a user copy is still client code
 * (lib/iov_iter.c defines copy_page_from_iter_atomic). */
size_t copy_page_from_iter_atomic(struct page *page, unsigned offset,
                                  size_t bytes, void *i) {
  char *kaddr = kmap_atomic(page);
  // CHECK: [[@LINE-1]]:17: warning: 'kmap_atomic' is deprecated
  kunmap_atomic(kaddr);
  // CHECK: [[@LINE-1]]:3: warning: 'kunmap_atomic' is deprecated
  return bytes;
}
