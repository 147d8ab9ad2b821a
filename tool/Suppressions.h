//===- Suppressions.h - NOKMAPCHECK comments --------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_SUPPRESSIONS_H
#define KMAPCHECK_TOOL_SUPPRESSIONS_H

#include "core/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace kmapcheck {

/// Inline suppressions: NOKMAPCHECK(id) on a finding's line, or
/// NOKMAPCHECKNEXTLINE(id) on the line before, as clang-tidy's NOLINT.
/// Reads each file once.
class Suppressions {
public:
  /// Removes the suppressed findings from \p Findings; returns how many.
  unsigned apply(std::vector<Finding> &Findings);
  bool suppressed(const Finding &F);
  /// Warns on \p Err about each suppression comment in \p Files that names
  /// a check (or a glob) matching none of \p Known; returns how many.
  unsigned warnUnknownChecks(llvm::ArrayRef<std::string> Files,
                             llvm::ArrayRef<std::string> Known,
                             llvm::raw_ostream &Err);

private:
  llvm::StringRef line(const std::string &File, unsigned N);
  const std::vector<std::string> &lines(const std::string &File);
  llvm::StringMap<std::vector<std::string>> Lines;
};

} // namespace kmapcheck

#endif
