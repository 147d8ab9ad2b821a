/* The sleep is here, one file away from the kmap_atomic() section. */
#include <linux/preempt.h>
#include <linux/sched.h>

static struct mutex cfg_lock;
static int cfg_value;

int cfg_reload(int id) {
	int v;
	mutex_lock(&cfg_lock);
	v = cfg_value + id;
	mutex_unlock(&cfg_lock);
	return v;
}

void cfg_touch(int id) {
	cfg_value = id;
}

/* Sleeps only behind tests (printk()'s console path, a debug-only panic
 * path): not "may sleep" for every caller, whose path the summary does not
 * see. */
void cfg_log(int verbose) {
	if (verbose > 3)
		cfg_reload(verbose);
}

int cfg_peek(int id) {
	if (id < 0)
		return cfg_value;
	return cfg_reload(id) && cfg_reload(id + 1);
}

/* Called with preemption disabled by contract, like the scheduler's
 * schedule_preempt_disabled(): it enables, sleeps and disables again. Its
 * sleep is in a context it opened itself. */
void cfg_wait_preempt_disabled(int id) {
	preempt_enable();
	cfg_reload(id);
	preempt_disable();
}

/* Sleeps every time it succeeds: an exit with an error before the lock
 * (an error value set before a goto, or returned) does not make the sleep
 * "not every time" (fs/ecryptfs/inode.c ecryptfs_getxattr_lower(): rc =
 * -EOPNOTSUPP; goto out; before inode_lock()). */
int cfg_get_checked(int id) {
	int rc;

	if (id < 0) {
		rc = -22;
		goto out;
	}
	if (id > 100)
		return -34;
	rc = cfg_reload(id);
out:
	return rc;
}

/* An early exit that is not an error (a cached answer) does. */
int cfg_cached(int id) {
	if (id == 0)
		return 0;
	return cfg_reload(id);
}

/* Its sleep is in deep.c, which only this file calls. */
void *deep_alloc(int n);
int cfg_deep(int id) {
	return deep_alloc(id) != 0;
}
