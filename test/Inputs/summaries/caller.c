/* Calls cfg_reload() but does not define it: not parsed for summaries (the
 * count in --stats would show it). */
int cfg_reload(int id);
int caller(void) { return cfg_reload(1) }
