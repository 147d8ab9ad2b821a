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
/// is refused with a message. Files are identified by their real path, so a
/// file reached through a symbolic link or a second include path is fixed
/// once, and written through the link. Each file is rewritten atomically
/// (temporary file, fsync, rename, fsync of the directory, with SIGINT and
/// the other termination signals held off meanwhile); a file with several
/// hard links is rewritten in place, which keeps the links. A read-only file
/// is an error and is left untouched.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings);

/// Rewrites every path in \p Findings (locations, notes, replacements) to the
/// file's real path, so that one file reached through two names (a symbolic
/// link, a second include directory) is one file for deduplication and
/// fixes. Paths that do not exist are left as they are.
void canonicalizePaths(std::vector<Finding> &Findings);

/// Replacement texts use '\n'; in a file whose lines end in "\r\n" their
/// new lines become "\r\n" too.
void matchLineEndings(std::vector<Finding> &Findings);

} // namespace kmapcheck

#endif
