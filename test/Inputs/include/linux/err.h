/* Mock of the error-pointer helpers, written for kmapcheck's tests. */
#ifndef MOCK_LINUX_ERR_H
#define MOCK_LINUX_ERR_H
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) __builtin_expect((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO, 0)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline _Bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline _Bool IS_ERR_OR_NULL(const void *ptr) {
	return !ptr || IS_ERR_VALUE(ptr);
}
#endif
