/*
 * pagefault-balance, BAD: read_user_word() returns on a failed copy with
 * page faults still disabled. The user word is not resident, so the copy
 * fails fast and the task returns with page faults disabled.
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
	if (left)
		return -EFAULT;
	pagefault_enable();
	return 0;
}

static void task_read(void)
{
	if (read_user_word((const u32 __user *)&user_word, &value))
		value = 0;
}

REF_SCENARIO(pagefault_balance_bad, "pagefault-balance", REF_BAD,
	     "an error path returns with page faults disabled",
	     "",
	     .tasks = { REF_TASK(task_read, 0) });
