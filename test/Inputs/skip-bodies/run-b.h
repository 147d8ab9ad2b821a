/* A header only run-b.c includes; run-b.c never calls other_count(). */
static inline int other_count(int x) { return x + 1; }
static inline int other_twice(int x) { return 2 * x; }
