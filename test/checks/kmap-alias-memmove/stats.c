// Pages the engine cannot compare (maps of pfns): nothing is reported and
// --stats counts the memmove().
// RUN: %kmapcheck --stats --checks=-*,kmap-alias-memmove %s -- %mock_highmem 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <linux/highmem.h>

void move_pfns(unsigned long dpfn, unsigned long spfn, unsigned int len)
{
	char *dst = kmap_local_pfn(dpfn);
	char *src = kmap_local_pfn(spfn);

	memmove(dst, src + 1, len);
	kunmap_local(src);
	kunmap_local(dst);
}
// CHECK: kmapcheck: stats: kmap-alias-memmove: 1 site(s) not judged on some path
