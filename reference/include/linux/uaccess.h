/*
 * User copies and page-fault control for the reference model (written for
 * kmapcheck).
 *
 * User memory is simulated: a scenario passes any buffer as a __user pointer.
 * Unless the scenario says its user pages are resident, touching user memory
 * faults. With page faults disabled the copy fails fast and returns the
 * number of bytes not copied; with faults enabled the fault is handled,
 * which takes current->mm's mmap_lock for reading and may sleep, and the copy
 * then succeeds. copy_from_user() and friends are sleep points whenever page
 * faults are enabled; __copy_from_user_inatomic() only when it faults.
 */
#ifndef _KMAPREF_LINUX_UACCESS_H
#define _KMAPREF_LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/sched.h>

void pagefault_disable(void);
void pagefault_enable(void);
int pagefault_disabled(void);

unsigned long _copy_from_user(void *to, const void __user *from,
			      unsigned long n);
unsigned long _copy_to_user(void __user *to, const void *from,
			    unsigned long n);

static inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}

static inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
					unsigned long n);
unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
				      unsigned long n);

#endif /* _KMAPREF_LINUX_UACCESS_H */
