#include <linux/highmem.h>
#include <linux/uaccess.h>

int copy_inatomic(struct page *page, const void __user *src, size_t len) {
	char *kaddr = kmap_atomic(page);
	unsigned long left;
	left = __copy_from_user_inatomic(kaddr, src, len);
	kunmap_atomic(kaddr);
	return left ? -EFAULT : 0;
}
