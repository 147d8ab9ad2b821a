/*
 * kmap-local-missing-pagefault-disable, BAD (seed 003): fill_from_user()
 * was converted from kmap_atomic() to kmap_local_page(), but kmap_atomic()
 * also disabled page faults, and the section relies on that: it copies
 * from user memory with a spinlock held, expecting the copy to fail fast so
 * that the caller can retry with the lock dropped. Without
 * pagefault_disable() the copy faults and sleeps under the spinlock.
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
	left = __copy_from_user_inatomic(kaddr, src, len);
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

REF_SCENARIO(missing_pfdisable_bad, "kmap-local-missing-pagefault-disable", REF_BAD,
	     "kmap_atomic() converted to kmap_local_page() without pagefault_disable(): the user copy sleeps under a spinlock",
	     "kmap-sleep-in-atomic",
	     .setup = setup,
	     .tasks = { REF_TASK(task_fill, 0) });
