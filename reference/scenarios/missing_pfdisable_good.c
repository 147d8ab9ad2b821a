/*
 * kmap-local-missing-pagefault-disable, GOOD (seed 003): the conversion
 * keeps page faults disabled around the copy with pagefault_disable() and
 * pagefault_enable(), so the copy fails fast under the spinlock and the
 * slow path copies with no lock held.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <kmapref/scenario.h>

static DEFINE_SPINLOCK(buf_lock);
static struct page *page;
static char user_buf[64];	/* stands for user memory */

static int fill_from_user(struct page *pg, const char __user *src,
			  size_t len)
{
	unsigned long left;
	char *kaddr;

	spin_lock(&buf_lock);
	kaddr = kmap_local_page(pg);
	/* The copy must fail rather than fault: we hold buf_lock. */
	pagefault_disable();
	left = __copy_from_user_inatomic(kaddr, src, len);
	pagefault_enable();
	kunmap_local(kaddr);
	spin_unlock(&buf_lock);
	return left ? -EFAULT : 0;
}

/* Slow path: no lock held, the copy may fault the user page in. */
static int fill_from_user_slow(struct page *pg, const char __user *src,
			       size_t len)
{
	unsigned long left;
	char *kaddr;

	kaddr = kmap_local_page(pg);
	left = copy_from_user(kaddr, src, len);
	kunmap_local(kaddr);
	return left ? -EFAULT : 0;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void task_fill(void)
{
	const char __user *src = (const char __user *)user_buf;

	if (fill_from_user(page, src, sizeof(user_buf)))
		fill_from_user_slow(page, src, sizeof(user_buf));
}

REF_SCENARIO(missing_pfdisable_good, "kmap-local-missing-pagefault-disable", REF_GOOD,
	     "the same conversion with pagefault_disable()/pagefault_enable() around the copy",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_fill, 0) });
