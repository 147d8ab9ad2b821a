/*
 * Basic kernel types for kmapcheck's reference model (written for kmapcheck,
 * not taken from the kernel). Scenarios include only kernel-style headers.
 *
 * The C library's own headers include <linux/types.h> too (sys/stat.h, for
 * statx), so this one is a superset of the system's: it includes that first,
 * and in C++ (a tool that only uses <kmapref/kmapref.h> but has this
 * directory on its include path) it is nothing more.
 */
#ifndef _KMAPREF_LINUX_TYPES_H
#define _KMAPREF_LINUX_TYPES_H

#if defined(__has_include_next)
#if __has_include_next(<linux/types.h>)
#include_next <linux/types.h>
#endif
#endif

#ifndef __cplusplus

#include <stdbool.h>
#include <stddef.h>

typedef long ssize_t;
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef unsigned int gfp_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define __user
#define __force
#define __must_check	__attribute__((__warn_unused_result__))
#undef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __maybe_unused	__attribute__((__unused__))

#define __same_type(a, b) \
	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define BUILD_BUG_ON(cond)	((void)sizeof(char[1 - 2 * !!(cond)]))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

/* The errno values scenarios use (the kernel's numbers). */
#define EPERM		1
#define ENOENT		2
#define EINTR		4
#define EIO		5
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EINVAL		22

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif /* !__cplusplus */
#endif /* _KMAPREF_LINUX_TYPES_H */
