/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * It reproduces the shapes of include/linux/highmem*.h: static inline maps,
 * unmaps as macros with a build-time type check, kmap_atomic disabling
 * preemption and page faults, and HIGHMEM / !HIGHMEM variants. */
#ifndef _MOCK_LINUX_HIGHMEM_H
#define _MOCK_LINUX_HIGHMEM_H
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/uaccess.h>

#ifdef CONFIG_HIGHMEM
void *kmap_high(struct page *page);
void kunmap_high(struct page *page);
void *__kmap_local_page_prot(struct page *page, pgprot_t prot);
void *__kmap_local_pfn_prot(unsigned long pfn, pgprot_t prot);
void kunmap_local_indexed(const void *vaddr);

static inline void *kmap(struct page *page) {
  void *addr;
  might_sleep();
  if (!PageHighMem(page))
    addr = page_address(page);
  else
    addr = kmap_high(page);
  return addr;
}
static inline void kunmap(struct page *page) {
  might_sleep();
  if (!PageHighMem(page))
    return;
  kunmap_high(page);
}
static inline void *kmap_local_page(struct page *page) {
  return __kmap_local_page_prot(page, kmap_prot);
}
static inline void *kmap_local_page_prot(struct page *page, pgprot_t prot) {
  return __kmap_local_page_prot(page, prot);
}
static inline void *kmap_local_pfn(unsigned long pfn) {
  return __kmap_local_pfn_prot(pfn, kmap_prot);
}
static inline void __kunmap_local(const void *vaddr) {
  kunmap_local_indexed(vaddr);
}
static inline void *kmap_atomic_prot(struct page *page, pgprot_t prot) {
  preempt_disable();
  pagefault_disable();
  return __kmap_local_page_prot(page, prot);
}
static inline void *kmap_atomic(struct page *page) {
  return kmap_atomic_prot(page, kmap_prot);
}
static inline void *kmap_atomic_pfn(unsigned long pfn) {
  preempt_disable();
  pagefault_disable();
  return __kmap_local_pfn_prot(pfn, kmap_prot);
}
static inline void __kunmap_atomic(const void *addr) {
  kunmap_local_indexed(addr);
  pagefault_enable();
  preempt_enable();
}
#else /* !CONFIG_HIGHMEM */
void *pfn_to_virt(unsigned long pfn);
static inline void *kmap(struct page *page) {
  might_sleep();
  return page_address(page);
}
static inline void kunmap(struct page *page) {}
static inline void *kmap_local_page(struct page *page) {
  return page_address(page);
}
static inline void *kmap_local_page_prot(struct page *page, pgprot_t prot) {
  return kmap_local_page(page);
}
static inline void *kmap_local_pfn(unsigned long pfn) {
  return pfn_to_virt(pfn);
}
static inline void __kunmap_local(const void *addr) {}
static inline void *kmap_atomic(struct page *page) {
  preempt_disable();
  pagefault_disable();
  return page_address(page);
}
static inline void *kmap_atomic_prot(struct page *page, pgprot_t prot) {
  return kmap_atomic(page);
}
static inline void *kmap_atomic_pfn(unsigned long pfn) {
  return kmap_atomic(0);
}
static inline void __kunmap_atomic(const void *addr) {
  pagefault_enable();
  preempt_enable();
}
#endif

#define kunmap_atomic(__addr)                                                  \
  do {                                                                         \
    BUILD_BUG_ON(__same_type((__addr), struct page *));                        \
    __kunmap_atomic(__addr);                                                   \
  } while (0)

#define kunmap_local(__addr)                                                   \
  do {                                                                         \
    BUILD_BUG_ON(__same_type((__addr), struct page *));                        \
    __kunmap_local(__addr);                                                    \
  } while (0)

static inline void *kmap_local_folio(struct folio *folio, size_t offset) {
  return (char *)kmap_local_page(&folio->page) + offset;
}

static inline void memcpy_from_page(char *to, struct page *page,
                                    size_t offset, size_t len) {
  char *from = kmap_local_page(page);
  memcpy(to, from + offset, len);
  kunmap_local(from);
}
static inline void memcpy_to_page(struct page *page, size_t offset,
                                  const char *from, size_t len) {
  char *to = kmap_local_page(page);
  memcpy(to + offset, from, len);
  kunmap_local(to);
}
static inline void memzero_page(struct page *page, size_t offset,
                                size_t len) {
  char *addr = kmap_local_page(page);
  memset(addr + offset, 0, len);
  kunmap_local(addr);
}
static inline void copy_highpage(struct page *to, struct page *from) {
  char *vfrom = kmap_local_page(from);
  char *vto = kmap_local_page(to);
  memcpy(vto, vfrom, PAGE_SIZE);
  kunmap_local(vto);
  kunmap_local(vfrom);
}
#endif
