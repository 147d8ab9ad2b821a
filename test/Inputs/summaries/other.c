/* On no call chain from an atomic section: the prefilter skips it and it is
 * not parsed for summaries either (the count in --stats would show it). */
int other(void) { return }
