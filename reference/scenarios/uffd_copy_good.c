/*
 * kmap-local-missing-pagefault-disable, GOOD (seed 003, as the 2022 commit
 * did it): the conversion to kmap_local_page() keeps page faults disabled
 * around the copy, so with mmap_lock held the copy fails fast instead of
 * faulting, and the caller retries after mmap_read_unlock().
 */
#include <linux/highmem.h>
#include <linux/mmap_lock.h>
#include <linux/uaccess.h>
#include <kmapref/scenario.h>

static struct page *dst_page;
static char user_src[256];	/* stands for the source in user memory */

static int mcopy_atomic_pte(struct page *page, const void __user *src,
			    size_t len)
{
	unsigned long ret;
	void *kaddr;

	kaddr = kmap_local_page(page);
	/*
	 * mmap_lock is held: a fault here would take it again, and the
	 * read lock is not recursive once a writer waits. Fail fast instead.
	 */
	pagefault_disable();
	ret = copy_from_user(kaddr, src, len);
	pagefault_enable();
	kunmap_local(kaddr);
	/* -ENOENT: the caller retries the copy without mmap_lock. */
	return ret ? -ENOENT : 0;
}

static void setup(void)
{
	dst_page = alloc_page(GFP_HIGHUSER);
}

static void task_uffd_copy(void)
{
	const void __user *src = (const void __user *)user_src;
	int err;

	mmap_read_lock(current->mm);
	err = mcopy_atomic_pte(dst_page, src, sizeof(user_src));
	mmap_read_unlock(current->mm);
	if (err == -ENOENT) {
		void *kaddr = kmap_local_page(dst_page);

		if (copy_from_user(kaddr, src, sizeof(user_src)))
			memset(kaddr, 0, sizeof(user_src));
		kunmap_local(kaddr);
	}
}

/* Another thread of the process: mmap() takes mmap_lock for writing. */
static void task_mmap(void)
{
	mmap_write_lock(current->mm);
	mmap_write_unlock(current->mm);
}

REF_SCENARIO(uffd_copy_good, "kmap-local-missing-pagefault-disable", REF_GOOD,
	     "the userfaultfd copy with pagefault_disable() around it: it fails fast and is retried without mmap_lock",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_uffd_copy, 0), REF_TASK(task_mmap, 1) });
