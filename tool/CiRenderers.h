//===- CiRenderers.h - Formats for CI systems and review --------*- C++ -*-===//
//
// SARIF 2.1.0 (GitHub code scanning), GitHub workflow commands, GitLab Code
// Quality and a static HTML report. Like the other renderers they only see
// merged, filtered findings; checks know nothing of them.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_CIRENDERERS_H
#define KMAPCHECK_TOOL_CIRENDERERS_H

#include "core/Finding.h"
#include "core/RulesLoader.h"
#include "tool/Renderers.h"
#include "tool/SourceLines.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>
#include <string>

namespace kmapcheck {

struct ReportContext {
  /// Absolute; file URIs and fingerprints are relative to it.
  std::string SourceRoot;
  /// Check descriptions (rules/checks/*.yaml); may be null.
  const RuleSet *Rules = nullptr;
  std::string ToolVersion;
  /// tool.driver.informationUri (the project's home page).
  std::string InformationUri;
};

/// The description of \p Id: the rules' check, or one of the tool's own
/// pseudo-checks (suppression diagnostics); null when unknown.
const CheckSpec *checkSpecFor(const ReportContext &Ctx, llvm::StringRef Id);

/// GitHub code scanning's limits for one SARIF run.
struct SarifLimits {
  size_t MaxResults = 25000;
  size_t MaxThreadFlowLocations = 10000;
  size_t MaxRelatedLocations = 1000;
};

/// One SARIF 2.1.0 run: rules from the check descriptions, results with
/// regions, related locations (the notes), code flows (the path), fixes and
/// partialFingerprints. Past \p Limits, results are dropped (least severe
/// first) and a notification says how many.
void renderSarif(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                 llvm::ArrayRef<ToolError> Errors, const ReportContext &Ctx,
                 const SarifLimits &Limits = SarifLimits());

/// GitHub's display limits for workflow-command annotations.
struct GithubLimits {
  size_t PerTypePerStep = 10;
  size_t PerJob = 50;
  size_t SummaryBytes = 1024 * 1024;
};

/// GitHub Actions workflow commands, one annotation per finding:
///   ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=[id]::message
/// in priority order (on changed lines per \p OnChangedLine, then by
/// severity, then report order), at most as many as GitHub shows, then a
/// notice saying how many were not annotated and where all are listed, and
/// all findings as text in a collapsed group of the log.
void renderGithub(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                  const ReportContext &Ctx,
                  llvm::function_ref<bool(const Finding &)> OnChangedLine,
                  bool HaveStepSummary,
                  const GithubLimits &Limits = GithubLimits());
/// The Markdown table of all findings for $GITHUB_STEP_SUMMARY, at most
/// \p Limits.SummaryBytes long.
std::string githubStepSummary(llvm::ArrayRef<Finding> Findings,
                              const ReportContext &Ctx,
                              const GithubLimits &Limits = GithubLimits());
/// GitHub's escaping of command data (%, CR, LF) and of properties (also
/// ':' and ',').
std::string githubEscapeData(llvm::StringRef S);
std::string githubEscapeProperty(llvm::StringRef S);

/// GitLab Code Quality: a JSON array of {description, check_name,
/// fingerprint, severity, location: {path, lines: {begin}}}; fingerprints
/// are unique within the report.
void renderGitlab(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                  const ReportContext &Ctx);

/// --format=html: DIR/index.html (findings grouped by check and by file,
/// with counts and filters) and DIR/finding-NNNN.html, one per finding: the
/// source with the path steps numbered in the margin, the map site, the
/// release or return, and the fix-it as a diff. No network, no framework.
llvm::Error renderHtml(llvm::StringRef Dir, llvm::ArrayRef<Finding> Findings,
                       llvm::ArrayRef<ToolError> Errors,
                       const ReportContext &Ctx, SourceLines &Lines);

/// "file:///abs/path" with percent-escapes; \p Dir adds a trailing '/'.
std::string fileUri(llvm::StringRef AbsPath, bool Dir = false);
/// Percent-escapes a relative path for a URI reference.
std::string uriPathEscape(llvm::StringRef Path);

} // namespace kmapcheck

#endif
