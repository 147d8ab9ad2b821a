/*
 * pagefault-balance, GOOD: page faults are enabled again before the result
 * of the copy is looked at; the caller falls back to a copy that may fault.
 */
#include <linux/uaccess.h>
#include <kmapref/scenario.h>

static u32 user_word;	/* stands for user memory */
static u32 value;

static int read_user_word(const u32 __user *uaddr, u32 *out)
{
	unsigned long left;

	pagefault_disable();
	left = __copy_from_user_inatomic(out, uaddr, sizeof(*out));
	pagefault_enable();
	if (left)
		return -EFAULT;
	return 0;
}

static void task_read(void)
{
	if (read_user_word((const u32 __user *)&user_word, &value) &&
	    copy_from_user(&value, (const u32 __user *)&user_word,
			   sizeof(value)))
		value = 0;
}

REF_SCENARIO(pagefault_balance_good, "pagefault-balance", REF_GOOD,
	     "pagefault_enable() on every path, then a copy that may fault",
	     "",
	     .tasks = { REF_TASK(task_read, 0) });
