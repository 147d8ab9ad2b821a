/*
 * kmap-local-missing-pagefault-disable, BAD (seed 003, the 2022 userfaultfd
 * conversion): mcopy_atomic_pte() copies from user memory into a page with
 * mmap_lock held for reading. It was converted from kmap_atomic(), which
 * disabled page faults, to kmap_local_page() without pagefault_disable().
 * Now the copy faults, and the fault takes mmap_lock for reading again. The
 * read lock is recursive only while no writer waits: when another thread
 * has queued for the write lock (mmap()), the fault blocks behind it, and
 * the writer waits for the first read lock: deadlock.
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
	ret = copy_from_user(kaddr, src, len);
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

REF_SCENARIO(uffd_copy_bad, "kmap-local-missing-pagefault-disable", REF_BAD,
	     "userfaultfd copy converted to kmap_local_page() without pagefault_disable(): the fault re-takes mmap_lock behind a queued writer",
	     "",
	     .setup = setup,
	     .tasks = { REF_TASK(task_uffd_copy, 0), REF_TASK(task_mmap, 1) });
