/* The sleep is here, one file away from the kmap_atomic() section. */
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
