/* Inline helpers in a header included with angle brackets (mock, written
 * for kmapcheck's tests). */
static inline int never_called(int x) { return x * 2 + 1; }
static inline int also_unused(int x) { return never_called(x) - 1; }
/* Reached from the main file: its body is parsed (the engine sees that
 * the address it returns is its argument). */
static inline char *same_addr(char *a) { return a; }
/* Reached only through a name pasted from two macro arguments (the raw
 * closure cannot see it): its body is skipped first, the reference is seen,
 * and the TU is parsed again in full. */
static inline char *pasted_addr(char *a) { return a; }
#define THROUGH(kind, suffix, a) kind##suffix(a)
/* A fixed part pasted to an argument, as the kernel's bitop(op, ...) pastes
 * const##op (const___set_bit, a macro naming generic___set_bit): the raw
 * closure makes the name from the argument and follows it. */
static inline char *first_addr(char *a) { return a; }
#define const_first first_addr
#define PICK(op, a) const##op(a)
/* A function whose name is a macro expanding to itself (the kernel's
 * "#define pud_access_permitted pud_access_permitted"): an ordinary body,
 * skipped when nothing reaches it; it calls a helper defined before it. */
static inline int inner_helper(int x) { return x + 3; }
#define own_wrapper own_wrapper
static inline int own_wrapper(int x) { return inner_helper(x) * 2; }
/* Declared only: the engine cannot tell the address it returns. */
char *opaque_addr(char *a);
