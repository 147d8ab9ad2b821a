//===- Merge.h - kmapcheck merge: shard reports as one run's ----*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_MERGE_H
#define KMAPCHECK_TOOL_MERGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace kmapcheck {

/// `kmapcheck merge [options] OUT.json|OUT.sarif IN.json...` with \p Args
/// after "merge"; \p DataDir holds the shipped rules (for SARIF's rule
/// metadata). Returns the exit code (tool/Driver.h).
int runMerge(llvm::StringRef DataDir, llvm::ArrayRef<const char *> Args,
             llvm::raw_fd_ostream &Out, llvm::raw_ostream &Err);

} // namespace kmapcheck

#endif
