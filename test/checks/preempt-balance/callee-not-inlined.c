// A call with a body that the analyzer evaluates without it (here: deeper
// than it inlines) and that reaches a depth effect: what it did to the
// depth is unknown, so the path's balance is not judged, and --stats counts
// it. kernel/iomem.c devm_memremap() -> memremap() -> try_ram_remap() ->
// pfn_valid(): the branch-free rcu_read_lock_sched() was inlined five
// frames deep, rcu_read_unlock_sched() was not, and devm_memremap()
// "returned with preemption disabled".
// RUN: %kmapcheck --quiet --checks=-*,preempt-balance %s -- %mock_highmem | count 0
// RUN: %kmapcheck --stats --checks=-*,preempt-balance %s -- %mock_highmem 2>&1 | FileCheck %s
// CHECK: kmapcheck: stats: preempt-balance: 2 site(s) not judged on some path
#include <linux/preempt.h>
#include <linux/err.h>

struct sec { unsigned long map; };
extern struct sec *sections[64];
static inline void rcu_read_lock_sched(void)
{
	preempt_disable();
}
static inline void rcu_read_unlock_sched(void)
{
	int x = 0;
	if (x)
		x++;
	preempt_enable();
}
static inline int valid_section(struct sec *s) { return s && (s->map & 2); }
static inline int pfn_valid(unsigned long pfn)
{
	struct sec *ms;
	int ret;

	if (pfn >> 40)
		return 0;
	ms = sections[pfn & 63];
	rcu_read_lock_sched();
	if (!valid_section(ms)) {
		rcu_read_unlock_sched();
		return 0;
	}
	ret = ms->map & 1;
	rcu_read_unlock_sched();
	return ret;
}
static void *try_ram_remap(unsigned long off)
{
	if (pfn_valid(off >> 12))
		return (void *)off;
	return 0;
}
void *arch_remap(unsigned long off);
static void *memremap(unsigned long off, int flags)
{
	void *addr = 0;

	if (!flags)
		return 0;
	if (flags & 1)
		addr = try_ram_remap(off);
	if (!addr)
		addr = arch_remap(off);
	return addr;
}
void *devm_memremap(unsigned long off, int flags)
{
	void *addr = memremap(off, flags);

	if (!addr)
		return ERR_PTR(-6);
	return addr;
}
