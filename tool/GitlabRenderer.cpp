//===- GitlabRenderer.cpp - GitLab Code Quality ---------------------------===//
#include "tool/CiRenderers.h"
#include "tool/Fingerprint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SHA256.h"

namespace kmapcheck {

static llvm::StringRef gitlabSeverity(Severity S) {
  switch (S) {
  case Severity::Note:
    return "info";
  case Severity::Warning:
    return "major";
  case Severity::Error:
    return "critical";
  }
  return "major";
}

void renderGitlab(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                  const ReportContext &Ctx) {
  llvm::json::Array Arr;
  llvm::StringSet<> Seen;
  for (const Finding &F : Findings) {
    std::string FP = F.Fingerprint;
    // GitLab shows only the first finding per fingerprint: never repeat one.
    for (unsigned Salt = 1; FP.empty() || !Seen.insert(FP).second; ++Salt) {
      std::string Key = F.Fingerprint + "/" + std::to_string(Salt) + "/" +
                        F.CheckId + "/" + F.Loc.File + ":" +
                        std::to_string(F.Loc.Line) + ":" +
                        std::to_string(F.Loc.Column) + "/" + F.Message;
      auto H = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
      FP = llvm::toHex(llvm::ArrayRef<uint8_t>(H).take_front(8), true);
    }
    std::string Desc = F.Message;
    Arr.push_back(llvm::json::Object{
        {"type", "issue"},
        {"description", Desc},
        {"check_name", F.CheckId},
        {"categories", llvm::json::Array{"Bug Risk"}},
        {"fingerprint", FP},
        {"severity", gitlabSeverity(F.Level)},
        {"location",
         llvm::json::Object{
             {"path", relativeToRoot(F.Loc.File, Ctx.SourceRoot)},
             {"lines", llvm::json::Object{{"begin", F.Loc.Line}}}}}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Arr))) << "\n";
}

} // namespace kmapcheck
