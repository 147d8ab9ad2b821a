//===- PathReporter.cpp - Findings with the path that leads to them -------===//
#include "core/StmtUtils.h"
#include "core/engine/EngineChecker.h"

#include "clang/Analysis/CFG.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include <set>

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

std::string PathEngine::exprText(const Expr *E) {
  if (!E)
    return "";
  return sourceText(Ctx.ast(), E->getSourceRange(), "...");
}

void PathEngine::report(CheckerContext &C, const Check &Ch, SourceLocation Loc,
                        std::string Message, std::vector<FindingNote> Notes,
                        std::vector<Replacement> Fixes) {
  Finding F;
  F.CheckId = Ch.id().str();
  F.Level = Ch.severity();
  F.Loc = Ctx.pos(Loc);
  F.End = Ctx.tokenEnd(Loc);
  F.Message = std::move(Message);
  // One finding per location, check and message, on the first path: a loop
  // reaches the same return at depth 1, 2, 3... (numbers do not count).
  std::string Shape;
  for (char Char : F.Message)
    if (!isdigit(static_cast<unsigned char>(Char)))
      Shape += Char;
    else if (Shape.empty() || Shape.back() != '#')
      Shape += '#';
  if (!Reported.insert({F.CheckId + ": " + Shape, F.Loc}).second)
    return;
  // The branches taken on the way, oldest first.
  std::vector<FindingNote> Path;
  const SourceManager &SM = Ctx.sm();
  FileID Main = SM.getMainFileID();
  for (const ExplodedNode *N = C.getPredecessor(); N; N = N->getFirstPred()) {
    auto BE = N->getLocation().getAs<BlockEdge>();
    if (!BE)
      continue;
    const CFGBlock *Src = BE->getSrc();
    const Stmt *Cond = Src->getTerminatorCondition();
    if (!Cond || Src->succ_size() != 2)
      continue;
    // Conditions written in macros (do { } while (0)) say nothing.
    if (!Cond->getBeginLoc().isFileID() ||
        (isa<Expr>(Cond) &&
         isa<IntegerLiteral>(cast<Expr>(Cond)->IgnoreParenImpCasts())))
      continue;
    SourceLocation CL = Cond->getBeginLoc();
    if (SM.getFileID(CL) != Main)
      continue;
    bool TrueBranch = *Src->succ_begin() == BE->getDst();
    std::string Text = sourceText(Ctx.ast(), Cond->getSourceRange());
    if (Text.empty())
      continue;
    if (Text.size() > 60)
      Text = Text.substr(0, 57) + "...";
    Path.push_back({Ctx.pos(CL), "assuming '" + Text + "' is " +
                                     (TrueBranch ? "true" : "false")});
  }
  std::reverse(Path.begin(), Path.end());
  // The check's notes (what and where), then the path in the order taken;
  // a loop's repeated decisions are shown once per run of repeats.
  F.Notes = std::move(Notes);
  std::set<std::pair<unsigned, std::string>> Seen;
  for (FindingNote &N : Path)
    if (Seen.insert({N.Loc.Line, N.Message}).second)
      F.Notes.push_back(std::move(N));
  F.Fixes = std::move(Fixes);
  Ctx.report(std::move(F));
}

} // namespace kmapcheck
