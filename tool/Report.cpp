//===- Report.cpp ---------------------------------------------------------===//
#include "tool/Report.h"
#include "tool/Fingerprint.h"
#include "tool/Suppressions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

namespace kmapcheck {

llvm::StringRef knownFormats() {
  return "text, json, sarif, github, gitlab or html";
}

bool isKnownFormat(llvm::StringRef F) {
  return F == "text" || F == "json" || F == "sarif" || F == "github" ||
         F == "gitlab" || F == "html";
}

llvm::Error ReportPipeline::prepare() {
  if (!O.BaselineFile.empty()) {
    auto B = loadBaseline(O.BaselineFile);
    if (!B)
      return B.takeError();
    Base = std::move(*B);
  }
  if (!O.LineFilterJson.empty()) {
    auto F = parseLineFilter(O.LineFilterJson);
    if (!F)
      return F.takeError();
    LineFilterArg = std::move(*F);
  }
  return llvm::Error::success();
}

bool ReportPipeline::onChangedLine(const Finding &F) const {
  if (!Diff && !LineFilterArg)
    return true;
  llvm::SmallString<256> Real;
  std::string File = F.Loc.File;
  if (!llvm::sys::fs::real_path(File, Real))
    File = std::string(Real);
  return (!Diff || Diff->passes(File, F.Loc.Line)) &&
         (!LineFilterArg || LineFilterArg->passes(F.Loc.File, F.Loc.Line));
}

llvm::Error
ReportPipeline::process(std::vector<Finding> &Findings,
                        llvm::ArrayRef<std::string> Files,
                        llvm::function_ref<bool(llvm::StringRef)> IsEnabled) {
  // Fingerprints first, on everything the checks reported: occurrence
  // indices do not depend on what a filter removes.
  computeFingerprints(Findings, O.SourceRoot, Lines);

  // Inline suppressions.
  SuppressionIndex Supp;
  for (const std::string &F : Files)
    Supp.scan(F, Lines);
  for (const Finding &F : Findings)
    Supp.scan(F.Loc.File, Lines);
  Stats.Suppressed = Supp.apply(Findings);
  if (!O.KnownChecks.empty())
    Warnings = Supp.unknownCheckWarnings(O.KnownChecks);
  std::vector<Finding> Diags = Supp.diagnostics(
      O.RequireSuppressionReason, O.ReportUnusedSuppressions, IsEnabled);
  if (!Diags.empty()) {
    sortAndDedupe(Diags);
    computeFingerprints(Diags, O.SourceRoot, Lines);
    for (Finding &D : Diags)
      Findings.push_back(std::move(D));
    sortAndDedupe(Findings);
  }

  if (!O.WriteBaselineFile.empty()) {
    std::error_code EC;
    llvm::ToolOutputFile Out(O.WriteBaselineFile, EC, llvm::sys::fs::OF_Text);
    if (EC)
      return llvm::createStringError(EC, "cannot write '%s': %s",
                                     O.WriteBaselineFile.c_str(),
                                     EC.message().c_str());
    Out.os() << renderBaseline(Findings, O.SourceRoot);
    Out.os().flush();
    if (Out.os().has_error())
      return llvm::createStringError(Out.os().error(), "cannot write '%s'",
                                     O.WriteBaselineFile.c_str());
    Out.keep();
  }
  if (Base)
    Stats.Baselined = applyBaseline(Findings, *Base);

  if (!O.DiffBase.empty()) {
    std::vector<std::string> Involved;
    llvm::StringSet<> Seen;
    for (const Finding &F : Findings)
      if (Seen.insert(F.Loc.File).second)
        Involved.push_back(F.Loc.File);
    auto D = changedLinesSince(O.DiffBase, Involved);
    if (!D)
      return D.takeError();
    Diff = std::move(*D);
    Stats.OutsideDiff += applyLineFilter(Findings, *Diff, /*RealPaths=*/true);
  }
  if (LineFilterArg)
    Stats.OutsideDiff +=
        applyLineFilter(Findings, *LineFilterArg, /*RealPaths=*/false);
  return llvm::Error::success();
}

void renderReport(llvm::raw_ostream &OS, llvm::StringRef Format,
                  llvm::ArrayRef<Finding> Findings,
                  llvm::ArrayRef<ToolError> Errors, const ReportContext &Ctx,
                  const ReportPipeline &P, bool ToFile) {
  if (Format == "json")
    renderJson(OS, Findings, Errors);
  else if (Format == "sarif")
    renderSarif(OS, Findings, Errors, Ctx);
  else if (Format == "gitlab")
    renderGitlab(OS, Findings, Ctx);
  else if (Format == "github") {
    const char *Summary = getenv("GITHUB_STEP_SUMMARY");
    bool HaveSummary = Summary && *Summary;
    renderGithub(
        OS, Findings, Ctx, [&](const Finding &F) { return P.onChangedLine(F); },
        HaveSummary);
    if (HaveSummary) {
      std::error_code EC;
      llvm::raw_fd_ostream S(Summary, EC, llvm::sys::fs::OF_Append);
      if (!EC)
        S << githubStepSummary(Findings, Ctx);
    }
  } else
    renderText(OS, Findings, ToFile ? Errors : llvm::ArrayRef<ToolError>());
}

} // namespace kmapcheck
