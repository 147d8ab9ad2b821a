//===- GithubRenderer.cpp - GitHub Actions workflow commands --------------===//
#include "tool/CiRenderers.h"
#include "tool/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>

namespace kmapcheck {

std::string githubEscapeData(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

std::string githubEscapeProperty(llvm::StringRef S) {
  std::string Out;
  for (char C : githubEscapeData(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

static llvm::StringRef commandFor(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "notice";
  }
  return "warning";
}

static std::string location(const Finding &F, const ReportContext &Ctx) {
  return llvm::formatv("{0}:{1}:{2}",
                       relativeToRoot(F.Loc.File, Ctx.SourceRoot), F.Loc.Line,
                       F.Loc.Column)
      .str();
}

void renderGithub(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                  const ReportContext &Ctx,
                  llvm::function_ref<bool(const Finding &)> OnChangedLine,
                  bool HaveStepSummary, const GithubLimits &Limits) {
  std::vector<const Finding *> Order;
  for (const Finding &F : Findings)
    Order.push_back(&F);
  std::stable_sort(Order.begin(), Order.end(),
                   [&](const Finding *A, const Finding *B) {
                     bool CA = OnChangedLine && OnChangedLine(*A);
                     bool CB = OnChangedLine && OnChangedLine(*B);
                     if (CA != CB)
                       return CA;
                     return A->Level > B->Level;
                   });
  // One notice is kept for the closing line.
  size_t Notices = 0, Warnings = 0, Errors = 0, Shown = 0;
  size_t NoticeCap = Limits.PerTypePerStep ? Limits.PerTypePerStep - 1 : 0;
  size_t JobCap = Limits.PerJob ? Limits.PerJob - 1 : 0;
  for (const Finding *FP : Order) {
    const Finding &F = *FP;
    size_t &Count = F.Level == Severity::Error     ? Errors
                    : F.Level == Severity::Warning ? Warnings
                                                   : Notices;
    size_t Cap = F.Level == Severity::Note ? NoticeCap : Limits.PerTypePerStep;
    if (Count >= Cap || Shown >= JobCap)
      continue;
    ++Count;
    ++Shown;
    std::string Props =
        "file=" +
        githubEscapeProperty(relativeToRoot(F.Loc.File, Ctx.SourceRoot)) +
        ",line=" + std::to_string(F.Loc.Line);
    if (F.Loc.Column)
      Props += ",col=" + std::to_string(F.Loc.Column);
    if (F.End.valid() && F.End.File == F.Loc.File &&
        (F.End.Line > F.Loc.Line ||
         (F.End.Line == F.Loc.Line && F.End.Column > F.Loc.Column)))
      Props += ",endLine=" + std::to_string(F.End.Line) +
               ",endColumn=" + std::to_string(F.End.Column);
    Props += ",title=" + githubEscapeProperty("[" + F.CheckId + "]");
    std::string Msg = F.Message;
    for (const FindingNote &N : F.Notes) {
      Msg += "\nnote: ";
      if (N.Loc.valid())
        Msg += relativeToRoot(N.Loc.File, Ctx.SourceRoot) + ":" +
               std::to_string(N.Loc.Line) + ": ";
      Msg += N.Message;
    }
    OS << "::" << commandFor(F.Level) << " " << Props
       << "::" << githubEscapeData(Msg) << "\n";
  }
  size_t Hidden = Findings.size() - Shown;
  std::string Where = HaveStepSummary
                          ? "the step summary and the group below list all"
                          : "the group below lists all";
  OS << "::notice title=kmapcheck::"
     << githubEscapeData(
            llvm::formatv("{0} finding(s), {1} annotated, {2} not shown "
                          "(GitHub shows {3} annotations per type per step "
                          "and {4} per job); {5} {0}",
                          Findings.size(), Shown, Hidden, Limits.PerTypePerStep,
                          Limits.PerJob, Where)
                .str())
     << "\n";
  if (Findings.empty())
    return;
  OS << "::group::kmapcheck: all " << Findings.size() << " finding(s)\n";
  for (const Finding &F : Findings) {
    // Plain lines: a line starting with "::" would be taken as a command.
    OS << location(F, Ctx) << ": " << severityName(F.Level) << ": " << F.Message
       << " [" << F.CheckId << "]\n";
    for (const FindingNote &N : F.Notes) {
      OS << "  ";
      if (N.Loc.valid())
        OS << relativeToRoot(N.Loc.File, Ctx.SourceRoot) << ":" << N.Loc.Line
           << ":" << N.Loc.Column << ": ";
      OS << "note: " << N.Message << "\n";
    }
  }
  OS << "::endgroup::\n";
}

static std::string mdCell(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '|')
      Out += "\\|";
    else if (C == '\n' || C == '\r')
      Out += ' ';
    else if (C == '<')
      Out += "&lt;";
    else if (C == '>')
      Out += "&gt;";
    else
      Out += C;
  }
  return Out;
}

std::string githubStepSummary(llvm::ArrayRef<Finding> Findings,
                              const ReportContext &Ctx,
                              const GithubLimits &Limits) {
  std::string Out =
      "### kmapcheck: " + std::to_string(Findings.size()) + " finding(s)\n\n";
  if (Findings.empty())
    return Out;
  Out += "| severity | check | location | message |\n| --- | --- | --- | --- "
         "|\n";
  size_t Rows = 0;
  for (const Finding &F : Findings) {
    std::string Row = "| " + severityName(F.Level).str() + " | `" +
                      mdCell(F.CheckId) + "` | `" + mdCell(location(F, Ctx)) +
                      "` | " + mdCell(F.Message) + " |\n";
    // Room for the closing line.
    if (Out.size() + Row.size() + 200 > Limits.SummaryBytes)
      break;
    Out += Row;
    ++Rows;
  }
  if (Rows < Findings.size())
    Out += "\n" + std::to_string(Findings.size() - Rows) +
           " more finding(s) not listed: the step summary is limited to " +
           std::to_string(Limits.SummaryBytes / 1024) +
           " KiB; see the job log or the SARIF report.\n";
  return Out;
}

} // namespace kmapcheck
