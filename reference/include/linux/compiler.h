/* Compiler helpers for the reference model: see <linux/types.h>. */
#ifndef _KMAPREF_LINUX_COMPILER_H
#define _KMAPREF_LINUX_COMPILER_H
#include <linux/types.h>
#endif
