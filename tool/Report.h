//===- Report.h - Filters and formats after the merge -----------*- C++ -*-===//
//
// The stages between the merged findings and the renderers, where the data
// flow puts them (checks never learn about formats): fingerprints, inline suppressions, the baseline, the changed-lines
// filter; then the format. They apply identically to every format.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_REPORT_H
#define KMAPCHECK_TOOL_REPORT_H

#include "tool/Baseline.h"
#include "tool/CiRenderers.h"
#include "tool/DiffFilter.h"
#include "tool/SourceLines.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace kmapcheck {

struct ReportOptions {
  std::string Format = "text";
  std::string SourceRoot; // absolute
  std::string DiffBase;
  std::string LineFilterJson;
  std::string BaselineFile;
  std::string WriteBaselineFile;
  bool RequireSuppressionReason = false;
  bool ReportUnusedSuppressions = false;
  /// The registered check ids: a suppression naming none is a warning.
  std::vector<std::string> KnownChecks;
};

struct ReportStats {
  unsigned Suppressed = 0;
  unsigned Baselined = 0;
  unsigned OutsideDiff = 0;
};

class ReportPipeline {
public:
  explicit ReportPipeline(ReportOptions O) : O(std::move(O)) {}

  /// Reads the baseline and the line filter: configuration errors before any
  /// TU is analysed.
  llvm::Error prepare();

  /// Fingerprints, suppressions (comments in \p Files and in the findings'
  /// files), baseline, diff and line filters; writes --write-baseline.
  /// \p IsEnabled tells whether a check ran (for unused suppressions).
  llvm::Error process(std::vector<Finding> &Findings,
                      llvm::ArrayRef<std::string> Files,
                      llvm::function_ref<bool(llvm::StringRef)> IsEnabled);

  /// True when \p F lies on a changed line (always true without a diff).
  bool onChangedLine(const Finding &F) const;

  const ReportStats &stats() const { return Stats; }
  /// "file:line:col: warning: ..." lines for stderr (suppressions naming
  /// unknown checks).
  const std::vector<std::string> &warnings() const { return Warnings; }
  const ReportOptions &options() const { return O; }
  SourceLines &lines() { return Lines; }

private:
  ReportOptions O;
  ReportStats Stats;
  std::vector<std::string> Warnings;
  SourceLines Lines;
  std::optional<Baseline> Base;
  std::optional<LineFilter> LineFilterArg;
  std::optional<LineFilter> Diff;
};

/// Renders \p Findings in a stream format (everything but html). \p ToFile:
/// the report goes to a file (-o), not to a terminal or pipe next to stderr,
/// so a text report also lists the TUs that could not be analysed.
void renderReport(llvm::raw_ostream &OS, llvm::StringRef Format,
                  llvm::ArrayRef<Finding> Findings,
                  llvm::ArrayRef<ToolError> Errors, const ReportContext &Ctx,
                  const ReportPipeline &P, bool ToFile = false);

} // namespace kmapcheck

#endif
