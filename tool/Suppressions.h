//===- Suppressions.h - NOKMAPCHECK comments --------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_SUPPRESSIONS_H
#define KMAPCHECK_TOOL_SUPPRESSIONS_H

#include "core/Finding.h"
#include "llvm/ADT/StringMap.h"
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

private:
  llvm::StringRef line(const std::string &File, unsigned N);
  llvm::StringMap<std::vector<std::string>> Lines;
};

} // namespace kmapcheck

#endif
