/*
 * String helpers of the reference model (written for kmapcheck, not kernel
 * code). memmove() is the kernel's generic one in behaviour: it compares
 * the two addresses and copies forwards when the destination is below the
 * source, backwards otherwise, a byte at a time. Two local mappings of one
 * page have two addresses, so it cannot see that they overlap
 * (kmap-alias-memmove); with a real memmove() the damage would depend on
 * the C library's copy loop.
 */
#ifndef _KMAPREF_LINUX_STRING_H
#define _KMAPREF_LINUX_STRING_H

#include <linux/types.h>

void *__memmove(void *dst, const void *src, size_t n);
#define memmove(dst, src, n) __memmove(dst, src, n)

#endif /* _KMAPREF_LINUX_STRING_H */
