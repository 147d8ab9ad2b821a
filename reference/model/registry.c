/*
 * The scenario table. The build generates ref_scenario_table from the files
 * in reference/scenarios/ (sorted by name); each file defines
 * ref_scenario__<file name> with REF_SCENARIO().
 */
#include <string.h>

#include <kmapref/kmapref.h>
#include <kmapref/scenario.h>

extern const struct ref_scenario_def *const ref_scenario_table[];
extern const unsigned int ref_scenario_table_len;

unsigned kmapref_scenario_count(void)
{
	return ref_scenario_table_len;
}

const struct kmapref_scenario *kmapref_scenario_at(unsigned i)
{
	return i < ref_scenario_table_len ? &ref_scenario_table[i]->pub : NULL;
}

const struct kmapref_scenario *kmapref_scenario_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ref_scenario_table_len; i++)
		if (!strcmp(ref_scenario_table[i]->pub.name, name))
			return &ref_scenario_table[i]->pub;
	return NULL;
}
