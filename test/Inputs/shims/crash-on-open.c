/* LD_PRELOAD shim for test/driver/crash-isolation.test: the thread that
   opens a file whose name contains "overflow-here" overflows its stack, the
   one that opens "abort-here" aborts, as a clang crash would. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int recurse(volatile char *Prev) {
  volatile char Buf[4096];
  Buf[0] = Prev ? Prev[0] + 1 : 0;
  return recurse(Buf) + Buf[1];
}

int open(const char *Path, int Flags, ...) {
  int (*Real)(const char *, int, ...) =
      (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
  if (strstr(Path, "overflow-here"))
    return recurse(0);
  if (strstr(Path, "abort-here"))
    abort();
  va_list Ap;
  va_start(Ap, Flags);
  int Mode = (Flags & O_CREAT) ? va_arg(Ap, int) : 0;
  va_end(Ap);
  return Real(Path, Flags, Mode);
}
