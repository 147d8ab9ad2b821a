/* Mock kernel header written for kmapcheck's tests (not kernel code).
 * The shape of include/linux/slab.h: kmalloc() and its relatives are
 * static inlines over out-of-line allocators. */
#ifndef _MOCK_LINUX_SLAB_H
#define _MOCK_LINUX_SLAB_H
#include <linux/types.h>
struct kmem_cache;
void *__kmalloc(size_t size, gfp_t flags);
void *__kmalloc_node(size_t size, gfp_t flags, int node);
void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *p);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node);
static inline void *kmalloc_node(size_t size, gfp_t flags, int node) {
  return __kmalloc_node(size, flags, node);
}
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags) {
  if (size != 0 && n > (size_t)-1 / size)
    return NULL;
  return __kmalloc(n * size, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags) {
  return kmalloc_array(n, size, flags | __GFP_ZERO);
}
static inline void *kzalloc(size_t size, gfp_t flags) {
  return kmalloc(size, flags | __GFP_ZERO);
}
#endif
