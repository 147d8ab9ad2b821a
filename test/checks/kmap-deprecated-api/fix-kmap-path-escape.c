// kmap() -> kmap_local_page() is refused when the address leaves the function
// on a path, even where the source of the function does not show it: a
// TU-local helper the engine analyses in context stores it in a structure
// that outlives the call. A helper that only reads it does not block the fix.
// RUN: %check_kmapcheck --expect-exit=0 --kmapcheck-arg=--fail-on=none --fixed-loose --remaining-any --recompile-args="-Werror %mock_highmem" %s kmap-deprecated-api %t -- %mock_highmem
#include <linux/highmem.h>

struct ctx { char *buf; };
struct ctx *global_ctx;
void use(char *p);

static void remember(struct ctx *c, char *p) { c->buf = p; }
// CHECK-DAG: :[[@LINE-1]]:48: note: no fix-it: the address is stored to memory that outlives the function in 'remember' (called at line [[@LINE+6]]); kmap_local_page() addresses are valid in this context only

void handoff(struct page *page) {
	char *a = kmap(page);
	// CHECK-DAG: :[[@LINE-1]]:12: warning: 'kmap' is deprecated
	// FIXED: char *a = kmap(page);
	remember(global_ctx, a);
	use(a);
	kunmap(page);
	// CHECK-DAG: :[[@LINE-1]]:2: warning: 'kunmap' is deprecated
}

static void only_reads(char *p) { use(p); }

void local_only(struct page *page) {
	char *a = kmap(page);
	// CHECK-DAG: :[[@LINE-1]]:12: warning: 'kmap' is deprecated
	// FIXED: char *a = kmap_local_page(page);
	only_reads(a);
	kunmap(page);
	// CHECK-DAG: :[[@LINE-1]]:2: warning: 'kunmap' is deprecated
	// FIXED: kunmap_local(a);
}
