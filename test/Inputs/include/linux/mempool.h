/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_MEMPOOL_H
#define _MOCK_LINUX_MEMPOOL_H
#include <linux/types.h>
typedef struct mempool_s mempool_t;
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask);
void mempool_free(void *element, mempool_t *pool);
#endif
