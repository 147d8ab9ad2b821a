/* Mock kernel header written for kmapcheck's tests (not kernel code): the
 * page cache of a directory inode, as the fs/<fs>/dir.c helpers use it. */
#ifndef _MOCK_LINUX_PAGEMAP_H
#define _MOCK_LINUX_PAGEMAP_H
#include <linux/err.h>
#include <linux/mm_types.h>
#define EIO 5
struct address_space {
  unsigned long nrpages;
};
struct inode {
  struct address_space *i_mapping;
  unsigned long i_size;
};
struct file;
struct page *read_mapping_page(struct address_space *mapping,
                               unsigned long index, struct file *file);
int PageChecked(const struct page *page);
#endif
