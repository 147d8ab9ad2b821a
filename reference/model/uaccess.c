/*
 * Page-fault control and user copies of the reference model (written for
 * kmapcheck).
 *
 * Simulated user memory faults unless the scenario says it is resident. With
 * page faults disabled a copy fails fast: it returns the number of bytes not
 * copied. With faults enabled the fault is handled: a sleep point that takes
 * current->mm's mmap_lock for reading, so it blocks behind a queued writer.
 * copy_from_user() also announces that it may fault (might_fault()) whenever
 * faults are enabled; __copy_from_user_inatomic() does not, but sleeps as
 * well when it faults with faults enabled (as on kernels where in_atomic()
 * cannot see a spinlock).
 */
#include "model.h"

void pagefault_disable(void)
{
	current->pagefault_disabled++;
}

void pagefault_enable(void)
{
	struct task_struct *t = current;

	if (t->pagefault_disabled <= 0)
		ref_fail("pagefault imbalance: pagefault_enable() in %s without a matching pagefault_disable()",
			 t->comm);
	t->pagefault_disabled--;
}

int pagefault_disabled(void)
{
	return current->pagefault_disabled != 0;
}

/* 0 when the user memory can be accessed, -1 when the copy fails fast. */
static int user_access(const char *fn)
{
	struct task_struct *t = current;
	char what[96];

	if (ref_cfg()->user_resident)
		return 0;
	if (t->pagefault_disabled)
		return -1;
	ref_snprintf(what, sizeof(what), "%s (page fault)", fn);
	ref_check_sleep(what);
	mmap_read_lock(t->mm);
	mmap_read_unlock(t->mm);
	return 0;
}

static void might_fault(const char *fn)
{
	if (!current->pagefault_disabled)
		ref_sleep_point(fn);
}

unsigned long _copy_from_user(void *to, const void __user *from,
			      unsigned long n)
{
	might_fault("copy_from_user()");
	if (user_access("copy_from_user()"))
		return n;
	memcpy(to, (const void __force *)from, n);
	return 0;
}

unsigned long _copy_to_user(void __user *to, const void *from,
			    unsigned long n)
{
	might_fault("copy_to_user()");
	if (user_access("copy_to_user()"))
		return n;
	memcpy((void __force *)to, from, n);
	return 0;
}

unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
					unsigned long n)
{
	if (user_access("__copy_from_user_inatomic()"))
		return n;
	memcpy(to, (const void __force *)from, n);
	return 0;
}

unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
				      unsigned long n)
{
	if (user_access("__copy_to_user_inatomic()"))
		return n;
	memcpy((void __force *)to, from, n);
	return 0;
}
