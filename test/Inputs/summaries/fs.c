/* A filesystem holds kmap_atomic() while it calls helpers of other files. */
#include <linux/highmem.h>

int cfg_reload(int id);
void cfg_touch(int id);
void cfg_log(int verbose);
int cfg_peek(int id);
void cfg_wait_preempt_disabled(int id);
int cfg_get_checked(int id);
int cfg_cached(int id);
int cfg_deep(int id);
int lib_copy(void *dst, int n);
void fast_path(void);

int fs_fill(struct page *page, int id) {
	char *a = kmap_atomic(page);
	int r = cfg_reload(id);
	a[0] = r;
	kunmap_atomic(a);
	return r;
}

int fs_copy(struct page *page) {
	char *a = kmap_atomic(page);
	int r = lib_copy(a, 8);
	kunmap_atomic(a);
	return r;
}

/* Helpers of other TUs that do not sleep, or only behind a test, stay
 * silent. */
void fs_quick(struct page *page) {
	char *a = kmap_atomic(page);
	fast_path();
	cfg_touch(1);
	cfg_log(1);
	a[0] = cfg_peek(1);
	cfg_wait_preempt_disabled(1);
	a[1] = cfg_cached(1);
	kunmap_atomic(a);
}

/* Outside atomic context a sleeping callee is fine. */
int fs_slow(struct page *page, int id) {
	char *a = kmap_local_page(page);
	int r = cfg_reload(id);
	kunmap_local(a);
	return r;
}

/* A callee that sleeps whenever it succeeds. */
int fs_checked(struct page *page, int id) {
	char *a = kmap_atomic(page);
	int r = cfg_get_checked(id);
	kunmap_atomic(a);
	return r;
}

/* The sleep is two files away, behind a TU the run analyses itself. */
int fs_deep(struct page *page, int id) {
	char *a = kmap_atomic(page);
	int r = cfg_deep(id);
	kunmap_atomic(a);
	return r;
}
