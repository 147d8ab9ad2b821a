/* Mock header in the shape of the kernel's trace/events headers (written
 * for kmapcheck's tests). */
static inline int event_check(int x) { return x > 0; }
#define MAKE_EVENT(name)                                                       \
	static inline int event_##name(int x) { return event_check(x); }
#define EVENT_LIST
/* A lone invocation and directives: what follows still starts a
 * declaration (trace/events/tlb.h's TLB_FLUSH_REASON, then TRACE_EVENT). */
EVENT_LIST
#undef EVENT_ITEM
#define EVENT_ITEM(a) a
MAKE_EVENT(flush)

/* A body that names a function of the main file only through a macro. */
struct holder {
	int count_items;
};
#define ITEM_FIELD(p) ((p)->count_items)
static inline int holder_items(struct holder *h) { return ITEM_FIELD(h); }
