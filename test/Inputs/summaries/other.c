/* On no call chain from an atomic section: the prefilter skips it and it is
 * not parsed for summaries either (its syntax error would show). */
int other(void) { return }
