/* Inline helpers in a header included with angle brackets (mock, written
 * for kmapcheck's tests). */
static inline int never_called(int x) { return x * 2 + 1; }
static inline int also_unused(int x) { return never_called(x) - 1; }
/* Reached from the main file: its body is parsed (the engine sees that
 * the address it returns is its argument). */
static inline char *same_addr(char *a) { return a; }
/* Reached only through a name made by ## (the raw closure cannot see it):
 * its body is skipped first, the reference is seen, and the TU is parsed
 * again in full. */
static inline char *pasted_addr(char *a) { return a; }
#define THROUGH(kind, a) kind##_addr(a)
/* Declared only: the engine cannot tell the address it returns. */
char *opaque_addr(char *a);
