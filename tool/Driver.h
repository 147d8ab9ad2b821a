//===- Driver.h - The kmapcheck command line --------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_DRIVER_H
#define KMAPCHECK_TOOL_DRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace kmapcheck {

/// Exit codes, documented in --help and README.md.
enum ExitCode {
  ExitClean = 0,      // no finding at or above --fail-on
  ExitFindings = 1,   // findings at or above --fail-on
  ExitUsage = 2,      // usage or configuration error
  ExitUnanalysed = 3, // some TU could not be analysed
};

/// Runs kmapcheck with \p Args (without argv[0]); \p Argv0 locates the
/// installed rules and examples. \p Out is a file stream so that a failed
/// write of the report is seen (exit 2) and a closed pipe is not an error.
int runKmapcheck(const char *Argv0, llvm::ArrayRef<const char *> Args,
                 llvm::raw_fd_ostream &Out, llvm::raw_ostream &Err);

} // namespace kmapcheck

#endif
