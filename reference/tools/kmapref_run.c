/*
 * kmapref-run: run the reference scenarios.
 *
 *   kmapref-run --list
 *   kmapref-run [--bound N] NAME...       explore (default bound 2)
 *   kmapref-run [--trace] --replay NAME SCHEDULE
 *   kmapref-run --table [--bound N]       the README table, in Markdown
 *
 * Exit status: 0 when every scenario explored has the expected verdict (or
 * the replay reproduced a failure), 1 otherwise, 2 on usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kmapref/kmapref.h>

static void print_line(const char *line, void *arg)
{
	(void)arg;
	printf("  %s\n", line);
}

static int verdict_ok(const struct kmapref_scenario *s,
		      const struct kmapref_result *r)
{
	return !r->truncated && !strstr(r->failure, "internal:") &&
	       r->failed == s->expect_bad;
}

static int explore_one(const struct kmapref_scenario *s, unsigned int bound)
{
	struct kmapref_result r;

	kmapref_explore(s, bound, &r);
	printf("%s [%s, expected %s]: %s after %lu interleaving(s), bound %u%s\n",
	       s->name, s->check_id, s->expect_bad ? "BAD" : "GOOD",
	       r.failed ? "FAILS" : "passes", r.interleavings, r.bound,
	       r.truncated ? " (truncated)" : "");
	if (r.failed)
		printf("  %s\n  schedule: %s\n", r.failure, r.schedule);
	return verdict_ok(s, &r);
}

static void table(unsigned int bound)
{
	unsigned int i;

	printf("| scenario | check id | expected | dynamic verdict | interleavings | bound |\n");
	printf("| --- | --- | --- | --- | ---: | ---: |\n");
	for (i = 0; i < kmapref_scenario_count(); i++) {
		const struct kmapref_scenario *s = kmapref_scenario_at(i);
		struct kmapref_result r;
		char verdict[64];

		kmapref_explore(s, bound, &r);
		if (r.failed) {
			const char *colon = strchr(r.failure, ':');
			int n = colon ? (int)(colon - r.failure) : 20;

			snprintf(verdict, sizeof(verdict), "BAD (%.*s)", n,
				 r.failure);
		} else {
			snprintf(verdict, sizeof(verdict), "GOOD%s",
				 r.truncated ? " (truncated)" : "");
		}
		printf("| `%s` | %s | %s | %s%s | %lu | %u |\n", s->name,
		       s->check_id, s->expect_bad ? "BAD" : "GOOD", verdict,
		       verdict_ok(s, &r) ? "" : " **MISMATCH**",
		       r.interleavings, r.bound);
	}
}

static int usage(void)
{
	fprintf(stderr,
		"usage: kmapref-run --list | [--bound N] NAME... | [--trace] --replay NAME SCHEDULE | --table [--bound N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned int bound = KMAPREF_DEFAULT_BOUND;
	int do_table = 0, ok = 1, named = 0, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			unsigned int k;

			for (k = 0; k < kmapref_scenario_count(); k++) {
				const struct kmapref_scenario *s =
					kmapref_scenario_at(k);

				printf("%-24s %-38s %s  %s\n", s->name,
				       s->check_id,
				       s->expect_bad ? "BAD " : "GOOD",
				       s->source);
			}
			return 0;
		} else if (!strcmp(argv[i], "--bound") && i + 1 < argc) {
			bound = (unsigned int)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--trace")) {
			kmapref_set_trace(print_line, NULL);
		} else if (!strcmp(argv[i], "--table")) {
			do_table = 1;
		} else if (!strcmp(argv[i], "--replay") && i + 2 < argc) {
			const struct kmapref_scenario *s =
				kmapref_scenario_find(argv[i + 1]);
			struct kmapref_result r;

			if (!s)
				return usage();
			if (kmapref_replay(s, argv[i + 2], &r)) {
				printf("%s\n", r.failure);
				return 1;
			}
			printf("%s: %s\n  schedule: %s (%u preemption(s))\n",
			       s->name, r.failed ? r.failure : "passes",
			       r.schedule, r.bound);
			return r.failed ? 0 : 1;
		} else if (argv[i][0] == '-') {
			return usage();
		} else {
			const struct kmapref_scenario *s =
				kmapref_scenario_find(argv[i]);

			if (!s) {
				fprintf(stderr, "no scenario %s\n", argv[i]);
				return 2;
			}
			named = 1;
			ok &= explore_one(s, bound);
		}
	}
	if (do_table) {
		table(bound);
		return 0;
	}
	if (!named) {
		unsigned int k;

		for (k = 0; k < kmapref_scenario_count(); k++)
			ok &= explore_one(kmapref_scenario_at(k), bound);
	}
	return ok ? 0 : 1;
}
