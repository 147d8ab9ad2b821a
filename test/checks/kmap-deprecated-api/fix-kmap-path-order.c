// kmap() -> kmap_local_page() keeps stack order only if every path releases
// the converted mapping while it is the most recent one. Source intervals
// nest here, but one branch releases them in the other order: the path
// engine finds it and the fix-it is withheld. The same function with both
// branches in order is converted, and the fixed file is clean and compiles.
// RUN: %check_kmapcheck --expect-exit=0 --kmapcheck-arg=--fail-on=none --fixed-loose --remaining-prefix=AGAIN --recompile-args="-Werror %mock_highmem" %s kmap-deprecated-api %t -- %mock_highmem
#include <linux/highmem.h>

void consume(char *a, char *b);

/* The first branch releases the kmap() mapping while the local one made
   after it is live: as kmap_local_page() it would be out of stack order. */
void branch_out_of_order(struct page *p, struct page *q, int cond) {
	char *a = kmap(p);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// AGAIN: [[@LINE-2]]:12: warning: 'kmap' is deprecated
	// CHECK: :[[@LINE+5]]:3: note: no fix-it: on a path through the kunmap() at line [[@LINE+5]], kunmap_local() would release the mappings out of stack order: the mapping made at line [[@LINE+1]] after it is still live there
	char *b = kmap_local_page(q);

	consume(a, b);
	if (cond) {
		kunmap(p);
		// CHECK: [[@LINE-1]]:3: warning: 'kunmap' is deprecated
		// AGAIN: [[@LINE-2]]:3: warning: 'kunmap' is deprecated
		kunmap_local(b);
	} else {
		kunmap_local(b);
		kunmap(p);
		// CHECK: [[@LINE-1]]:3: warning: 'kunmap' is deprecated
		// AGAIN: [[@LINE-2]]:3: warning: 'kunmap' is deprecated
	}
}

/* Both branches in order: converted. */
void branch_in_order(struct page *p, struct page *q, int cond) {
	char *a = kmap(p);
	// CHECK: [[@LINE-1]]:12: warning: 'kmap' is deprecated
	// FIXED: char *a = kmap_local_page(p);
	char *b = kmap_local_page(q);

	consume(a, b);
	if (cond) {
		kunmap_local(b);
		kunmap(p);
		// CHECK: [[@LINE-1]]:3: warning: 'kunmap' is deprecated
		// FIXED: kunmap_local(a);
	} else {
		kunmap_local(b);
		kunmap(p);
		// CHECK: [[@LINE-1]]:3: warning: 'kunmap' is deprecated
		// FIXED: kunmap_local(a);
	}
}
