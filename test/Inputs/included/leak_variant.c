/*
 * Shared code included by a main file (as a .c file built in variants is):
 * kmapcheck analyses it as the main file's own code. Written for the tests.
 */
int copy_variant(char *dst);

int leak_in_included_c(struct page *page)
{
	char *a = kmap_local_page(page);

	if (copy_variant(a) < 0)
		return -1;
	kunmap_local(a);
	return 0;
}
