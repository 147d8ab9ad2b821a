//===- FixApplier.h - --fix -------------------------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_FIXAPPLIER_H
#define KMAPCHECK_TOOL_FIXAPPLIER_H

#include "core/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace kmapcheck {

struct FixOutcome {
  unsigned AppliedFixes = 0; // findings whose fix was applied
  unsigned RefusedFixes = 0; // findings whose fix conflicted
  std::vector<std::string> ChangedFiles;
  std::vector<std::string> Messages; // "file:line:col: error: ..." lines
  bool HadError = false;             // a file could not be written
};

/// Applies the fixes of \p Findings in place. A finding's replacements are
/// applied all together or not at all; one that overlaps a fix already taken
/// is refused with a message. Each file is rewritten atomically (temporary
/// file + rename); a read-only file is an error and is left untouched.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings);

} // namespace kmapcheck

#endif
