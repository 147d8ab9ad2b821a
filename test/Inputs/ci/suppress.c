/* Every inline suppression form; the line numbers are used by
 * test/driver/suppressions.test. */
#include <linux/highmem.h>

void same_line(struct page *p)
{
	char *a = kmap(p); /* NOKMAPCHECK(kmap-deprecated-api) converted in the next series */

	a[0] = 0;
	kunmap(p); // NOKMAPCHECK(kmap-deprecated-api)
}

void next_line(struct page *p)
{
	// NOKMAPCHECKNEXTLINE(kmap-deprecated-api): highmem-only driver
	char *a = kmap(p);

	a[0] = 0;
	kunmap(p);
}

/* NOKMAPCHECKBEGIN(kmap-deprecated-api) legacy code, kept as is */
void region(struct page *p)
{
	char *a = kmap(p);

	a[0] = 0;
	kunmap(p);
}
/* NOKMAPCHECKEND(kmap-deprecated-api) */

void codechecker(struct page *p)
{
	// codechecker_suppress [kmap-deprecated-api] the caller needs a global mapping
	char *a = kmap(p);

	a[0] = 0;
	// codechecker_suppress [kmap-deprecated-api]
	kunmap(p);
}

void stale(struct page *p)
{
	char *a = kmap_local_page(p); // NOKMAPCHECK(kmap-leak) nothing leaks here

	a[0] = 0;
	kunmap_local(a);
}

void reported(struct page *p)
{
	char *a = kmap(p);

	a[0] = 0;
	kunmap(p);
}
