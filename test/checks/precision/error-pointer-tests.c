// Precision: IS_ERR() of the same pointer agrees with itself on a path, and
// a mapped page is not NULL (the shape of mm/swapfile.c's swapon: the page
// is tested with IS_ERR() after it is read, mapped, and on the way out
// unmapped under 'page && !IS_ERR(page)').
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_highmem | count 0
// RUN: %kmapcheck --quiet --checks=*,-kmap-deprecated-api %s -- %mock_nohighmem | count 0
// With a look-alike of IS_ERR() that is not modeled, both functions report
// a leak: the model is what makes them silent.
// RUN: not %kmapcheck --quiet --checks=kmap-leak %s -- %mock_highmem -DLOOKALIKE | FileCheck --check-prefix=LOOK %s
#include <linux/err.h>
#include <linux/highmem.h>

struct page *read_page(int index);
void put_page(struct page *page);
int parse(void *addr);

#ifdef LOOKALIKE
static inline _Bool my_is_err(const void *ptr) { return IS_ERR_VALUE(ptr); }
#define IS_ERR my_is_err
#endif

int swapon_like(int index) {
	struct page *page = NULL;
	void *header;
	int error = 0;

	page = read_page(index);
	if (IS_ERR(page)) {
		error = PTR_ERR(page);
		goto out;
	}
	header = kmap(page);
	if (parse(header)) {
		error = -22;
		goto out;
	}
out:
	if (page && !IS_ERR(page)) {
		kunmap(page);
		put_page(page);
	}
	return error;
}
// LOOK: warning: mapping of 'header' is still live when 'swapon_like' returns [kmap-leak]

void *lookup(int key);
void use(void *p);

/* IS_ERR_OR_NULL false: neither NULL nor an error pointer afterwards. */
void err_or_null(int key, struct page *p) {
	void *obj = lookup(key);
	char *a;

	if (IS_ERR_OR_NULL(obj))
		return;
	a = kmap_local_page(p);
	use(obj);
	if (!IS_ERR(obj) && obj)
		kunmap_local(a);
	else
		use(a);
}
// LOOK: warning: mapping of 'a' is still live when 'err_or_null' returns [kmap-leak]
