// Path notes that matter: a finding shows the branches that decide whether
// the mapping, lock or depth it is about is live, and no others (the
// Static Analyzer's path pruning). Branches in helpers that decide nothing
// of it, and joins in the function itself, are not on the path shown. Text
// and JSON show the same path.
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak,kmap-sleep-in-atomic %s -- %mock_highmem | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// RUN: not %kmapcheck --quiet --checks=-*,kmap-leak,kmap-sleep-in-atomic --format=json %s -- %mock_highmem | FileCheck --check-prefix=JSON %s
#include <linux/highmem.h>
#include <linux/spinlock.h>

#define ENOSPC 28

struct ring {
	spinlock_t lock;
	int head, tail, size;
	unsigned long drops, bytes;
	int debug;
};

void ring_dump(struct ring *r);

static void ring_account(struct ring *r, int len)
{
	if (r->debug)
		ring_dump(r);
	if (len > 64)
		r->bytes += len;
	else
		r->drops++;
}

static int ring_room(struct ring *r)
{
	if (r->head >= r->tail)
		return r->size - r->head + r->tail;
	return r->tail - r->head;
}

int ring_copy(struct ring *r, struct page *page, const char *src, int len)
{
	char *dst;
	int room;

	if (len <= 0)
		return 0;
	ring_account(r, len);
	dst = kmap(page);
	room = ring_room(r);
	if (r->debug)
		ring_dump(r);
	if (room < len)
		return -ENOSPC;
	memcpy(dst, src, len);
	kunmap(page);
	return len;
}
// CHECK: path-notes-that-matter.c:[[@LINE-5]]:3: warning: mapping of 'dst' is still live when 'ring_copy' returns [kmap-leak]
// CHECK: path-notes-that-matter.c:[[@LINE-11]]:8: note: mapping of 'dst' created here
// CHECK: path-notes-that-matter.c:[[@LINE-15]]:6: note: assuming 'len <= 0' is false
// CHECK: path-notes-that-matter.c:[[@LINE-9]]:6: note: assuming 'room < len' is true
// JSON: "line": [[@LINE-9]],
// JSON-NEXT: "message": "mapping of 'dst' is still live when 'ring_copy' returns",
// JSON-NEXT: "notes": [
// JSON-NEXT: {
// JSON-NEXT: "column": 8,
// JSON-NEXT: "file": "{{.*}}path-notes-that-matter.c",
// JSON-NEXT: "line": [[@LINE-20]],
// JSON-NEXT: "message": "mapping of 'dst' created here"
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "column": 6,
// JSON-NEXT: "file": "{{.*}}path-notes-that-matter.c",
// JSON-NEXT: "line": [[@LINE-29]],
// JSON-NEXT: "message": "assuming 'len <= 0' is false"
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "column": 6,
// JSON-NEXT: "file": "{{.*}}path-notes-that-matter.c",
// JSON-NEXT: "line": [[@LINE-28]],
// JSON-NEXT: "message": "assuming 'room < len' is true"
// JSON-NEXT: }
// JSON-NEXT: ]

/* A lock: the branch that skips the release decides; the helper's do not. */
void ring_push(struct ring *r, struct page *page, int len)
{
	unsigned long flags;
	char *dst = kmap(page);

	spin_lock_irqsave(&r->lock, flags);
	ring_account(r, len);
	if (r->head == r->tail)
		goto full;
	dst[r->head++] = len;
	spin_unlock_irqrestore(&r->lock, flags);
full:
	kunmap(page);
}
// CHECK: path-notes-that-matter.c:[[@LINE-2]]:2: warning: 'kunmap' may sleep; called while holding spinlock 'r->lock' [kmap-sleep-in-atomic]
// CHECK: path-notes-that-matter.c:[[@LINE-10]]:2: note: 'r->lock' taken here
// CHECK: path-notes-that-matter.c:[[@LINE-9]]:6: note: assuming 'r->head == r->tail' is true
// JSON: "message": "'kunmap' may sleep; called while holding spinlock 'r->lock'",
// JSON-NEXT: "notes": [
// JSON-NEXT: {
// JSON-NEXT: "column": 2,
// JSON-NEXT: "file": "{{.*}}path-notes-that-matter.c",
// JSON-NEXT: "line": [[@LINE-17]],
// JSON-NEXT: "message": "'r->lock' taken here"
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "column": 6,
// JSON-NEXT: "file": "{{.*}}path-notes-that-matter.c",
// JSON-NEXT: "line": [[@LINE-21]],
// JSON-NEXT: "message": "assuming 'r->head == r->tail' is true"
// JSON-NEXT: }
// JSON-NEXT: ]
