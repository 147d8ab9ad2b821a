/* A header only run-a.c includes: its body maps, so it is kept, and it
 * names other_count(), a function of run-b.h. */
int other_count(int x);
static inline char *run_a_map(struct page *p, int *n) {
	*n = other_count(*n);
	return kmap_local_page(p);
}
