/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_UACCESS_H
#define _MOCK_LINUX_UACCESS_H
#include <linux/types.h>
void pagefault_disable(void);
void pagefault_enable(void);
int pagefault_disabled(void);
unsigned long _copy_from_user(void *to, const void __user *from,
                              unsigned long n);
unsigned long _copy_to_user(void __user *to, const void *from,
                            unsigned long n);
static inline unsigned long copy_from_user(void *to, const void __user *from,
                                           unsigned long n) {
  return _copy_from_user(to, from, n);
}
static inline unsigned long copy_to_user(void __user *to, const void *from,
                                         unsigned long n) {
  return _copy_to_user(to, from, n);
}
unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
                                        unsigned long n);
unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
                                      unsigned long n);
int __get_user_fn(void *dst, const void __user *src, unsigned long size);
#define get_user(x, ptr) __get_user_fn(&(x), (ptr), sizeof(*(ptr)))
#endif
