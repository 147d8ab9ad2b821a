//===- SarifRenderer.cpp - SARIF 2.1.0 ------------------------------------===//
#include "tool/CiRenderers.h"
#include "tool/Fingerprint.h"
#include "tool/Suppressions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace kmapcheck {

namespace {
const std::map<std::string, CheckSpec> &toolChecks() {
  static const std::map<std::string, CheckSpec> Specs = [] {
    std::map<std::string, CheckSpec> M;
    CheckSpec R;
    R.Id = SuppressionCheckId;
    R.Level = Severity::Error;
    R.Summary = "a malformed suppression comment, or one without a reason";
    R.Description = "A NOKMAPCHECKBEGIN without NOKMAPCHECKEND (or the "
                    "reverse), or an unclosed id list. With "
                    "--require-suppression-reason, every NOKMAPCHECK, "
                    "NOKMAPCHECKNEXTLINE, NOKMAPCHECKBEGIN and "
                    "codechecker_suppress comment must also say why the "
                    "finding is accepted.";
    R.BadExample = "kunmap(page); // NOKMAPCHECK(kmap-deprecated-api)";
    R.GoodExample = "kunmap(page); // NOKMAPCHECK(kmap-deprecated-api) "
                    "highmem-only driver, converted in the next series";
    M[R.Id] = R;
    CheckSpec U;
    U.Id = UnusedSuppressionCheckId;
    U.Level = Severity::Warning;
    U.Summary = "a suppression comment that silenced nothing";
    U.Description = "With --report-unused-suppressions, a suppression "
                    "comment that silenced no finding of the checks that "
                    "ran is reported, so stale ones can be removed.";
    U.BadExample = "x = 1; // NOKMAPCHECK(kmap-leak) nothing here maps";
    U.GoodExample = "x = 1;";
    M[U.Id] = U;
    return M;
  }();
  return Specs;
}

/// "kmap-leak" -> "KmapLeak": SARIF wants a readable name unlike the id.
std::string camelName(llvm::StringRef Id) {
  std::string Out;
  bool Up = true;
  for (char C : Id) {
    if (!llvm::isAlnum(C)) {
      Up = true;
      continue;
    }
    Out += Up ? llvm::toUpper(C) : C;
    Up = false;
  }
  return Out;
}

llvm::json::Object text(std::string T) {
  return llvm::json::Object{{"text", std::move(T)}};
}
} // namespace

const CheckSpec *checkSpecFor(const ReportContext &Ctx, llvm::StringRef Id) {
  if (Ctx.Rules) {
    auto It = Ctx.Rules->Checks.find(Id.str());
    if (It != Ctx.Rules->Checks.end())
      return &It->second;
  }
  auto It = toolChecks().find(Id.str());
  return It == toolChecks().end() ? nullptr : &It->second;
}

std::string uriPathEscape(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=:@").contains(C))
      Out += C;
    else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4);
      Out += llvm::hexdigit(C & 15);
    }
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsPath, bool Dir) {
  std::string P = llvm::sys::path::convert_to_slash(AbsPath);
  if (Dir && (P.empty() || P.back() != '/'))
    P += '/';
  return "file://" + uriPathEscape(P);
}

namespace {
class SarifBuilder {
public:
  SarifBuilder(const ReportContext &Ctx) : Ctx(Ctx) {}

  llvm::json::Object artifact(llvm::StringRef File) const {
    std::string Rel = relativeToRoot(File, Ctx.SourceRoot);
    if (!Ctx.SourceRoot.empty() && !llvm::sys::path::is_absolute(Rel))
      return llvm::json::Object{{"uri", uriPathEscape(Rel)},
                                {"uriBaseId", "%SRCROOT%"}};
    return llvm::json::Object{{"uri", fileUri(File)}};
  }

  llvm::json::Object physical(const SourcePos &Begin,
                              const SourcePos *End = nullptr) const {
    llvm::json::Object Region{{"startLine", Begin.Line}};
    if (Begin.Column)
      Region["startColumn"] = Begin.Column;
    if (End && End->valid() && End->File == Begin.File &&
        (End->Line > Begin.Line ||
         (End->Line == Begin.Line && End->Column > Begin.Column))) {
      Region["endLine"] = End->Line;
      Region["endColumn"] = End->Column;
    } else if (Begin.Column) {
      Region["endLine"] = Begin.Line;
      Region["endColumn"] = Begin.Column + 1;
    }
    return llvm::json::Object{{"artifactLocation", artifact(Begin.File)},
                              {"region", std::move(Region)}};
  }

  llvm::json::Object rule(const std::string &Id) const {
    const CheckSpec *S = checkSpecFor(Ctx, Id);
    if (!S)
      return llvm::json::Object{
          {"id", Id},
          {"shortDescription", text(Id)},
          {"fullDescription", text(Id)},
          {"help", text(Id)},
          {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}}};
    std::string Desc = llvm::StringRef(S->Description).trim().str();
    std::string Bad = llvm::StringRef(S->BadExample).rtrim().str();
    std::string Good = llvm::StringRef(S->GoodExample).rtrim().str();
    std::string HelpText = Desc + "\n\nBad:\n" + Bad + "\n\nGood:\n" + Good;
    std::string HelpMd = Desc + "\n\n**Bad:**\n\n```c\n" + Bad +
                         "\n```\n\n**Good:**\n\n```c\n" + Good + "\n```\n";
    return llvm::json::Object{
        {"id", S->Id},
        {"name", camelName(S->Id)},
        {"shortDescription", text(S->Summary)},
        {"fullDescription", text(Desc)},
        {"help", llvm::json::Object{{"text", HelpText}, {"markdown", HelpMd}}},
        {"defaultConfiguration",
         llvm::json::Object{{"level", severityName(S->Level)}}},
        {"properties",
         llvm::json::Object{
             {"tags", llvm::json::Array{"kmapcheck", "correctness"}},
             {"precision", "high"},
             {"problem.severity", S->Level == Severity::Note
                                      ? "recommendation"
                                      : severityName(S->Level)}}}};
  }

  const ReportContext &Ctx;
};
} // namespace

void renderSarif(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                 llvm::ArrayRef<ToolError> Errors, const ReportContext &Ctx,
                 const SarifLimits &Limits) {
  SarifBuilder B(Ctx);
  llvm::json::Array Notifications;
  auto Notify = [&](llvm::StringRef Level, llvm::StringRef Id,
                    const std::string &Msg) {
    Notifications.push_back(
        llvm::json::Object{{"level", Level},
                           {"descriptor", llvm::json::Object{{"id", Id}}},
                           {"message", text(Msg)}});
  };
  for (const ToolError &E : Errors)
    Notify("error", "kmapcheck-tu-not-analysed",
           E.Message + " [translation unit " + E.File + " not analysed]");

  // Within GitHub's limit, the most severe findings are kept.
  std::vector<const Finding *> Kept;
  for (const Finding &F : Findings)
    Kept.push_back(&F);
  if (Kept.size() > Limits.MaxResults) {
    std::stable_sort(
        Kept.begin(), Kept.end(),
        [](const Finding *A, const Finding *B) { return A->Level > B->Level; });
    size_t Dropped = Kept.size() - Limits.MaxResults;
    Kept.resize(Limits.MaxResults);
    Notify("warning", "kmapcheck-results-truncated",
           llvm::formatv("{0} of {1} results were dropped: GitHub code "
                         "scanning accepts at most {2} results per run",
                         Dropped, Findings.size(), Limits.MaxResults)
               .str());
  }

  std::vector<std::string> RuleIds;
  for (const Finding *F : Kept)
    RuleIds.push_back(F->CheckId);
  if (Ctx.Rules)
    for (const auto &KV : Ctx.Rules->Checks)
      RuleIds.push_back(KV.first);
  llvm::sort(RuleIds);
  RuleIds.erase(std::unique(RuleIds.begin(), RuleIds.end()), RuleIds.end());
  llvm::json::Array Rules;
  for (const std::string &Id : RuleIds)
    Rules.push_back(B.rule(Id));
  auto RuleIndex = [&](const std::string &Id) {
    return std::lower_bound(RuleIds.begin(), RuleIds.end(), Id) -
           RuleIds.begin();
  };

  llvm::json::Array Results;
  for (const Finding *FP : Kept) {
    const Finding &F = *FP;
    llvm::json::Object R{
        {"ruleId", F.CheckId},
        {"ruleIndex", RuleIndex(F.CheckId)},
        {"level", severityName(F.Level)},
        {"message", text(F.Message)},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", B.physical(F.Loc, &F.End)}}}},
    };
    if (!F.Fingerprint.empty())
      R["partialFingerprints"] =
          llvm::json::Object{{"kmapcheck/v1", F.Fingerprint}};
    // The notes: related locations, and the path in order.
    llvm::json::Array Related, Flow;
    size_t RelatedDropped = 0, FlowDropped = 0;
    unsigned Id = 1;
    for (const FindingNote &N : F.Notes) {
      if (N.Loc.valid()) {
        if (Related.size() < Limits.MaxRelatedLocations)
          Related.push_back(
              llvm::json::Object{{"id", Id++},
                                 {"physicalLocation", B.physical(N.Loc)},
                                 {"message", text(N.Message)}});
        else
          ++RelatedDropped;
      }
      // A note without a location is shown at the finding's location.
      if (Flow.size() + 1 < Limits.MaxThreadFlowLocations)
        Flow.push_back(llvm::json::Object{
            {"location", llvm::json::Object{{"physicalLocation",
                                             N.Loc.valid() ? B.physical(N.Loc)
                                                           : B.physical(F.Loc)},
                                            {"message", text(N.Message)}}},
            {"nestingLevel", 0},
            {"executionOrder", Flow.size() + 1}});
      else
        ++FlowDropped;
    }
    if (!Related.empty())
      R["relatedLocations"] = std::move(Related);
    if (!F.Notes.empty()) {
      Flow.push_back(llvm::json::Object{
          {"location",
           llvm::json::Object{{"physicalLocation", B.physical(F.Loc, &F.End)},
                              {"message", text(F.Message)}}},
          {"nestingLevel", 0},
          {"executionOrder", Flow.size() + 1}});
      R["codeFlows"] = llvm::json::Array{llvm::json::Object{
          {"threadFlows", llvm::json::Array{llvm::json::Object{
                              {"locations", std::move(Flow)}}}}}};
    }
    if (RelatedDropped || FlowDropped)
      Notify("warning", "kmapcheck-locations-truncated",
             llvm::formatv("{0}:{1}:{2}: [{3}] {4} related location(s) and {5} "
                           "path step(s) were dropped: GitHub accepts at most "
                           "{6} related locations and {7} thread-flow "
                           "locations per result",
                           F.Loc.File, F.Loc.Line, F.Loc.Column, F.CheckId,
                           RelatedDropped, FlowDropped,
                           Limits.MaxRelatedLocations,
                           Limits.MaxThreadFlowLocations)
                 .str());
    if (!F.Fixes.empty()) {
      std::map<std::string, llvm::json::Array> ByFile;
      for (const Replacement &Rep : F.Fixes)
        ByFile[Rep.File].push_back(llvm::json::Object{
            {"deletedRegion", llvm::json::Object{{"byteOffset", Rep.Offset},
                                                 {"byteLength", Rep.Length}}},
            {"insertedContent", text(Rep.Text)}});
      llvm::json::Array Changes;
      for (auto &KV : ByFile)
        Changes.push_back(
            llvm::json::Object{{"artifactLocation", B.artifact(KV.first)},
                               {"replacements", std::move(KV.second)}});
      R["fixes"] = llvm::json::Array{
          llvm::json::Object{{"description", text("apply kmapcheck's fix-it")},
                             {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(R));
  }

  llvm::json::Object Driver{{"name", "kmapcheck"},
                            {"version", Ctx.ToolVersion},
                            {"semanticVersion", Ctx.ToolVersion},
                            {"rules", std::move(Rules)}};
  if (!Ctx.InformationUri.empty())
    Driver["informationUri"] = Ctx.InformationUri;
  llvm::json::Object Run{
      {"tool", llvm::json::Object{{"driver", std::move(Driver)}}},
      {"invocations",
       llvm::json::Array{llvm::json::Object{
           {"executionSuccessful", Errors.empty()},
           {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)},
  };
  if (!Ctx.SourceRoot.empty())
    Run["originalUriBaseIds"] = llvm::json::Object{
        {"%SRCROOT%",
         llvm::json::Object{{"uri", fileUri(Ctx.SourceRoot, /*Dir=*/true)}}}};
  llvm::json::Value Root = llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", Root) << "\n";
}

} // namespace kmapcheck
