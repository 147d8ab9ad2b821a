/* A header with the same leak: headers are not analysed as user code. */
int copy_header(char *dst);

static inline int leak_in_header(struct page *page)
{
	char *a = kmap_local_page(page);

	if (copy_header(a) < 0)
		return -1;
	kunmap_local(a);
	return 0;
}
