// A .c file included by the main file is analysed as the main file's own code
// (the engine starts in its functions, findings point into it); a header is
// not.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak %s -- %mock_highmem -I%inputs/included | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>
#include "leak_header.h"
#include "leak_variant.c"
// CHECK: leak_variant.c:12:3: warning: mapping of 'a' is still live when 'leak_in_included_c' returns [kmap-leak]
// CHECK: leak_variant.c:9:12: note: mapping of 'a' created here

int main_file_function(struct page *page) {
	char *a = kmap_local_page(page);
	a[0] = 1;
	kunmap_local(a);
	return 0;
}
