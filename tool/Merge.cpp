//===- Merge.cpp - kmapcheck merge: shard reports as one run's ------------===//
//
// `kmapcheck merge OUT.json|OUT.sarif IN.json...` reads the JSON reports of
// the shards of one run (--shard K/N) and writes one report: findings in a
// header seen by several shards deduplicated, the same order as a single
// run, tool errors kept (exit 3 when a shard could not analyse a TU).
//
//===----------------------------------------------------------------------===//
#include "tool/Merge.h"

#include "core/Finding.h"
#include "core/RulesLoader.h"
#include "tool/CiRenderers.h"
#include "tool/CompileDatabase.h"
#include "tool/Driver.h"
#include "tool/InputSelection.h"
#include "tool/Renderers.h"
#include "tool/Runner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <optional>
#include <tuple>

namespace kmapcheck {

/// Reads one shard's JSON report (--format=json) into \p Findings and
/// \p Errors; the error names the file and, for malformed JSON, the
/// position.
static llvm::Error readJsonReport(llvm::StringRef Path,
                                  std::vector<Finding> &Findings,
                                  std::vector<ToolError> &Errors) {
  auto Fail = [&](const llvm::Twine &What) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": " + What);
  };
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return Fail("cannot read: " + Buf.getError().message());
  auto V = llvm::json::parse((*Buf)->getBuffer());
  if (!V)
    return malformedJsonError(Path, V.takeError(), "malformed JSON report");
  const llvm::json::Object *Root = V->getAsObject();
  if (!Root || Root->getInteger("version") != 1 || !Root->getArray("findings"))
    return Fail("not a kmapcheck JSON report (expected {\"version\":1,"
                "\"findings\":[...],\"tool_errors\":[...]}, as --format=json "
                "writes)");
  auto Pos = [](const llvm::json::Object *O, SourcePos &P) {
    if (!O)
      return false;
    auto F = O->getString("file");
    auto L = O->getInteger("line"), C = O->getInteger("column");
    if (!F || !L || !C)
      return false;
    P.File = F->str();
    P.Line = unsigned(*L);
    P.Column = unsigned(*C);
    return true;
  };
  size_t Index = 0;
  for (const llvm::json::Value &FV : *Root->getArray("findings")) {
    auto Bad = [&](llvm::StringRef Key) {
      return Fail("finding " + llvm::Twine(Index) + ": missing or malformed '" +
                  Key + "'");
    };
    const llvm::json::Object *FO = FV.getAsObject();
    if (!FO)
      return Bad("finding");
    Finding F;
    auto Check = FO->getString("check"), Sev = FO->getString("severity"),
         Msg = FO->getString("message");
    if (!Check)
      return Bad("check");
    F.CheckId = Check->str();
    if (!Sev || !parseSeverity(*Sev, F.Level))
      return Bad("severity");
    if (!Pos(FO, F.Loc))
      return Bad("file/line/column");
    if (!Pos(FO->getObject("end"), F.End))
      return Bad("end");
    if (!Msg)
      return Bad("message");
    F.Message = Msg->str();
    if (const llvm::json::Array *Notes = FO->getArray("notes"))
      for (const llvm::json::Value &NV : *Notes) {
        const llvm::json::Object *NO = NV.getAsObject();
        FindingNote N;
        if (!NO || !NO->getString("message"))
          return Bad("notes");
        Pos(NO, N.Loc);
        N.Message = NO->getString("message")->str();
        F.Notes.push_back(std::move(N));
      }
    if (const llvm::json::Array *Fixes = FO->getArray("fixes"))
      for (const llvm::json::Value &RV : *Fixes) {
        const llvm::json::Object *RO = RV.getAsObject();
        if (!RO || !RO->getString("file") || !RO->getInteger("offset") ||
            !RO->getInteger("length") || !RO->getString("replacement"))
          return Bad("fixes");
        F.Fixes.push_back({RO->getString("file")->str(),
                           unsigned(*RO->getInteger("offset")),
                           unsigned(*RO->getInteger("length")),
                           RO->getString("replacement")->str()});
      }
    if (auto Fn = FO->getString("function"))
      F.Function = Fn->str();
    if (auto FP = FO->getString("fingerprint"))
      F.Fingerprint = FP->str();
    Findings.push_back(std::move(F));
    ++Index;
  }
  if (const llvm::json::Array *Errs = Root->getArray("tool_errors"))
    for (const llvm::json::Value &EV : *Errs) {
      const llvm::json::Object *EO = EV.getAsObject();
      if (!EO || !EO->getString("file") || !EO->getString("message"))
        return Fail("malformed 'tool_errors' entry");
      Errors.push_back(
          {EO->getString("file")->str(), EO->getString("message")->str()});
    }
  return llvm::Error::success();
}

/// kmapcheck merge OUT.json|OUT.sarif IN.json...: the shards' reports as
/// one run's.
int runMerge(llvm::StringRef DataDir, llvm::ArrayRef<const char *> Args,
             llvm::raw_fd_ostream &Out, llvm::raw_ostream &Err) {
  auto Usage = [&](const llvm::Twine &Msg) {
    Err << "kmapcheck: error: " << Msg << "\n";
    Err << "kmapcheck: usage: kmapcheck merge [--source-root=DIR] "
           "[--fail-on=note|warning|error|none] [--quiet] OUT.json|OUT.sarif "
           "IN.json...\n";
    return int(ExitUsage);
  };
  std::optional<Severity> FailOn = Severity::Warning;
  std::string SourceRoot;
  bool Quiet = false, CheckArgsOnly = false;
  std::vector<std::string> Files;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    llvm::StringRef Opt = A;
    if (Opt.consume_front("--") || (Opt.size() > 1 && Opt.consume_front("-"))) {
      auto [Name, Val] = Opt.split('=');
      bool HasVal = Opt.contains('=');
      auto Value = [&]() -> std::optional<std::string> {
        if (HasVal)
          return Val.str();
        if (I + 1 < Args.size())
          return std::string(Args[++I]);
        return std::nullopt;
      };
      if (Name == "quiet" && !HasVal) {
        Quiet = true;
      } else if (Name == "check-args" && !HasVal) {
        CheckArgsOnly = true; // for recipe tests: parse, read nothing
      } else if (Name == "source-root") {
        auto V = Value();
        if (!V)
          return Usage("--source-root expects a directory");
        SourceRoot = absolutePath(*V);
      } else if (Name == "fail-on") {
        auto V = Value();
        Severity S;
        if (V && *V == "none")
          FailOn.reset();
        else if (V && parseSeverity(*V, S))
          FailOn = S;
        else
          return Usage("--fail-on expects note, warning, error or none");
      } else {
        return Usage("unknown option '" + A + "' for 'kmapcheck merge'");
      }
      continue;
    }
    Files.push_back(A.str());
  }
  if (Files.size() < 2)
    return Usage("'kmapcheck merge' expects the output file and at least one "
                 "shard report");
  std::string Output = Files.front();
  llvm::StringRef Ext = llvm::sys::path::extension(Output);
  if (Ext != ".json" && Ext != ".sarif")
    return Usage("the merged report's name must end in .json or .sarif, not '" +
                 Output + "'");
  if (CheckArgsOnly) {
    Out << "kmapcheck merge: arguments accepted\n";
    return ExitClean;
  }
  std::vector<Finding> Findings;
  std::vector<ToolError> Errors;
  for (size_t I = 1; I < Files.size(); ++I) {
    if (absolutePath(Files[I]) == absolutePath(Output))
      return Usage("the output '" + Output + "' is also an input");
    if (llvm::Error E = readJsonReport(Files[I], Findings, Errors)) {
      Err << "kmapcheck: error: " << llvm::toString(std::move(E)) << "\n";
      return ExitUsage;
    }
  }
  // As one run merges its TUs: a header finding seen by several shards is
  // reported once; findings and errors in one order.
  sortAndDedupe(Findings);
  llvm::stable_sort(Errors, [](const ToolError &A, const ToolError &B) {
    return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
  });
  Errors.erase(std::unique(Errors.begin(), Errors.end(),
                           [](const ToolError &A, const ToolError &B) {
                             return A.File == B.File && A.Message == B.Message;
                           }),
               Errors.end());
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  std::optional<RuleSet> Rules;
  if (Ext == ".json") {
    renderJson(OS, Findings, Errors);
  } else {
    llvm::SmallString<256> Shipped(DataDir);
    llvm::sys::path::append(Shipped, "rules");
    auto R = loadRules({std::string(Shipped)});
    if (!R) {
      Err << "kmapcheck: error: " << llvm::toString(R.takeError()) << "\n";
      return ExitUsage;
    }
    Rules = std::move(*R);
    ReportContext Ctx;
    Ctx.SourceRoot = SourceRoot.empty() ? absolutePath(".") : SourceRoot;
    Ctx.Rules = &*Rules;
    Ctx.ToolVersion = KMAPCHECK_VERSION;
    Ctx.InformationUri = KMAPCHECK_HOMEPAGE_URL;
    renderSarif(OS, Findings, Errors, Ctx);
  }
  OS.flush();
  {
    std::error_code EC;
    llvm::raw_fd_ostream F(Output, EC, llvm::sys::fs::OF_Text);
    if (!EC) {
      F << Text;
      F.close();
      if (F.has_error()) {
        EC = F.error();
        F.clear_error();
      }
    }
    if (EC) {
      Err << "kmapcheck: error: cannot write '" << Output
          << "': " << EC.message() << "\n";
      return ExitUsage;
    }
  }
  for (const ToolError &E : Errors)
    Err << E.Message << " [kmapcheck: translation unit " << E.File
        << " not analysed]\n";
  if (!Quiet)
    Err << "kmapcheck: merged " << (Files.size() - 1)
        << " report(s): " << Findings.size() << " finding(s)"
        << (Errors.empty() ? std::string()
                           : ", " + std::to_string(Errors.size()) +
                                 " translation unit(s) not analysed")
        << "\n";
  (void)Out;
  if (!Errors.empty())
    return ExitUnanalysed;
  for (const Finding &F : Findings)
    if (FailOn && F.Level >= *FailOn)
      return ExitFindings;
  return ExitClean;
}

} // namespace kmapcheck
