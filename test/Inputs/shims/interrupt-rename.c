/* LD_PRELOAD shim for test/driver/fix-interrupted.test: delivers SIGTERM
   to the process just before it renames a kmapcheck temporary file over the
   file it fixes, the worst moment for a Ctrl-C (SIGTERM, because lit runs
   tests with SIGINT ignored; kmapcheck holds off both). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <string.h>

int rename(const char *From, const char *To) {
  int (*Real)(const char *, const char *) =
      (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
  if (strstr(From, ".kmapcheck-"))
    raise(SIGTERM);
  return Real(From, To);
}
