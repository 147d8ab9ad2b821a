/*
 * BUG() and WARN() for the reference model (written for kmapcheck): both stop
 * the run and report a failure with the file and line.
 */
#ifndef _KMAPREF_LINUX_BUG_H
#define _KMAPREF_LINUX_BUG_H

#include <linux/types.h>

void ref_bug(const char *file, int line, const char *what)
	__attribute__((__noreturn__));

#define BUG()		ref_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			ref_bug(__FILE__, __LINE__, "BUG_ON(" #cond ")"); \
	} while (0)
#define WARN_ON(cond)							\
	({								\
		int __ret_warn_on = !!(cond);				\
		if (unlikely(__ret_warn_on))				\
			ref_bug(__FILE__, __LINE__, "WARN_ON(" #cond ")"); \
		unlikely(__ret_warn_on);				\
	})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)

#endif /* _KMAPREF_LINUX_BUG_H */
