// Precision: a kmap() mapping handed to the caller is not a leak of the
// function that made it. For kmap() the page is the handle: returning the
// page, storing it through an out-parameter, or storing it in an object
// that outlives the call hands the mapping on (the fs/<fs>/dir.c helpers:
// get the page mapped, return the entry and the page through *res_page; the
// caller unmaps). A callee that unmaps before it returns an error pointer
// leaves no path where the caller holds the mapping and sees the error.
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
// The leak that stays a leak: the page is not handed on.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_highmem -DKEEP | FileCheck --check-prefix=KEEP %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include <linux/pagemap.h>

struct dir_entry {
	unsigned short rec_len;
	unsigned char name_len;
	char name[16];
};

int dir_check_page(struct page *page);

static inline void dir_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

/* Returns the page mapped, or an error pointer after unmapping it. */
static struct page *dir_get_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page)) {
		kmap(page);
		if (unlikely(!PageChecked(page))) {
			if (!dir_check_page(page))
				goto fail;
		}
	}
	return page;

fail:
	dir_put_page(page);
	return ERR_PTR(-EIO);
}

int name_matches(const char *name, int len, struct dir_entry *de);

/* Returns the entry and, through *res_page, its page, still mapped. */
struct dir_entry *dir_find_entry(struct inode *dir, const char *name, int len,
				 struct page **res_page)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;
	struct page *page = NULL;
	struct dir_entry *de;

	*res_page = NULL;
	for (n = 0; n < npages; n++) {
		char *kaddr;

		page = dir_get_page(dir, n);
		if (IS_ERR(page))
			continue;
		kaddr = (char *)page_address(page);
		de = (struct dir_entry *)kaddr;
		if (name_matches(name, len, de))
			goto found;
		dir_put_page(page);
	}
	return NULL;

found:
	*res_page = page;
	return de;
}

/* The caller gets the mapped page back: it is the handle to unmap. */
struct page *dir_dotdot(struct inode *dir)
{
	struct page *page = dir_get_page(dir, 0);

	if (IS_ERR(page))
		return NULL;
	return page;
}

/* Kept in an object that outlives the call, released elsewhere. */
struct dir_cursor {
	struct page *page;
	char *kaddr;
};

int dir_cursor_start(struct dir_cursor *c, struct inode *dir)
{
	struct page *page = dir_get_page(dir, 0);

	if (IS_ERR(page))
		return PTR_ERR(page);
	c->page = page;
	return 0;
}

/* Error values only after the unmap (or before the map): the caller's
 * IS_ERR() of a mapped page or address is false. */
static void *dir_map_block(struct page *page)
{
	char *kaddr = kmap(page);

	if (!dir_check_page(page)) {
		kunmap(page);
		return ERR_PTR(-EIO);
	}
	return kaddr;
}

int dir_first_byte(struct page *page)
{
	char *kaddr = dir_map_block(page);
	int c;

	if (IS_ERR(kaddr))
		return PTR_ERR(kaddr);
	c = kaddr[0];
	kunmap(page);
	return c;
}

struct page *find_get_page(struct address_space *mapping, unsigned long n);

static struct page *dir_lookup_page(struct inode *dir, unsigned long n)
{
	struct page *page = find_get_page(dir->i_mapping, n);

	if (!page)
		return ERR_PTR(-ENOENT);
	kmap(page);
	return page;
}

int dir_last_byte(struct inode *dir, unsigned long n)
{
	struct page *page = dir_lookup_page(dir, n);
	char *kaddr;
	int c;

	if (IS_ERR(page))
		return PTR_ERR(page);
	kaddr = page_address(page);
	c = kaddr[PAGE_SIZE - 1];
	dir_put_page(page);
	return c;
}

#ifdef KEEP
int dir_peek(struct inode *dir)
{
	struct page *page = dir_get_page(dir, 0);
	char *kaddr;

	if (IS_ERR(page))
		return PTR_ERR(page);
	kaddr = page_address(page);
	if (kaddr[0])
		return -EIO;
	dir_put_page(page);
	return 0;
}
// KEEP: page-handed-to-caller.c:[[@LINE-4]]:3: warning: mapping of 'kmap()' is still live when 'dir_peek' returns [kmap-leak]
// KEEP: page-handed-to-caller.c:35:3: note: mapping of 'kmap()' created here
#endif
