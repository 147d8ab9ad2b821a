//===- Suppressions.h - Inline suppression comments -------------*- C++ -*-===//
//
// The forms, each optionally followed by a reason:
//   NOKMAPCHECK / NOKMAPCHECK(id, ...)            the comment's own line
//   NOKMAPCHECKNEXTLINE / NOKMAPCHECKNEXTLINE(id)  the next line
//   NOKMAPCHECKBEGIN(id) ... NOKMAPCHECKEND(id)    every line from BEGIN to END
//   // codechecker_suppress [id, ...] reason      the next code line (also
//                                                  codechecker_false_positive
//                                                  and codechecker_intentional)
// An id may be a glob ("kmap-*", "*"); no id list means every check.
// Applied after the merge, identically for every format.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_SUPPRESSIONS_H
#define KMAPCHECK_TOOL_SUPPRESSIONS_H

#include "core/Finding.h"
#include "tool/SourceLines.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace kmapcheck {

/// Check ids of the diagnostics about suppression comments themselves.
inline constexpr const char *SuppressionCheckId = "kmapcheck-suppression";
inline constexpr const char *UnusedSuppressionCheckId =
    "kmapcheck-unused-suppression";

struct Suppression {
  enum KindT { SameLine, NextLine, Begin, CodeChecker } Kind = SameLine;
  std::string Marker; // as written: NOKMAPCHECK, codechecker_suppress, ...
  SourcePos Loc;      // of the marker
  std::vector<std::string> Ids;    // empty: every check
  std::vector<unsigned> IdColumns; // 1-based column of each id
  std::string Reason;
  unsigned FirstLine = 0, LastLine = 0; // the lines it covers
  unsigned Used = 0;
};

class SuppressionIndex {
public:
  /// Reads the suppression comments of \p File. Malformed ones (a BEGIN
  /// without END, an END without BEGIN, an unclosed id list) become
  /// diagnostics (see problems()).
  void scan(const std::string &File, SourceLines &Lines);
  /// True (and the suppression counted as used) when a comment silences \p F.
  bool suppresses(const Finding &F);
  /// Removes the silenced findings; returns how many.
  unsigned apply(std::vector<Finding> &Findings);

  /// Diagnostics as findings: malformed comments (always), comments without
  /// a reason (\p RequireReason, errors), and comments that silenced nothing
  /// (\p ReportUnused, warnings; only for comments naming enabled checks or
  /// none, \p IsEnabled decides).
  std::vector<Finding>
  diagnostics(bool RequireReason, bool ReportUnused,
              llvm::function_ref<bool(llvm::StringRef)> IsEnabled) const;

  /// "file:line:col: warning: the suppression names unknown check 'x';
  /// did you mean 'y'? [kmapcheck]" for every id (or glob) that matches
  /// none of \p Known.
  std::vector<std::string>
  unknownCheckWarnings(llvm::ArrayRef<std::string> Known) const;

  const std::vector<Suppression> &all() const { return Items; }

private:
  std::vector<Suppression> Items;
  std::vector<Finding> Problems;
  llvm::StringSet<> Scanned;
};

} // namespace kmapcheck

#endif
