//===- LocalOrderCheck.cpp - kmap-local-order -----------------------------===//
//
// Local mappings are a per-task stack (kmap_ctrl.idx, seed 001): they must be
// released in reverse order of mapping. An unmap of a live local or atomic
// mapping that is not the most recent one on this path is reported, with
// both mappings in the notes. When the two unmaps are adjacent statements the
// fix-it swaps them.
//
// False-positive policy: only mappings created on the analysed path are
// considered; an unmap of an address that no map on the path returned (a
// parameter) is ignored.
//
//===----------------------------------------------------------------------===//
#include "checks/LocalOrderCheck.h"
#include "core/StmtUtils.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace kmapcheck {
using namespace clang;

LocalOrderCheck::LocalOrderCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void LocalOrderCheck::beforeUnmap(PathContext &P, const ApiCall &AC,
                                  const UnmapTarget &T) {
  if (T.Widened)
    return; // the target is assumed, not known
  if (!T.Mapping || T.Mapping->Released || T.Mapping->Kind == MapKind::Global)
    return;
  std::vector<MappingView> Live = P.liveLocals();
  if (Live.empty() || Live.front().Id == T.Mapping->Id)
    return;
  const MappingView &Top = Live.front();
  std::vector<FindingNote> Notes{P.createdNote(*T.Mapping), P.createdNote(Top)};
  // Fix-it: swap with the next statement when it unmaps the top mapping.
  std::vector<Replacement> Fixes;
  ASTContext &Ctx = P.tu().ast();
  if (const Stmt *S1 = userStatementOf(Ctx, AC.Call))
    if (const Stmt *S2 = nextSibling(Ctx, S1)) {
      const CallExpr *Next = nullptr;
      if (const auto *E2 = dyn_cast<Expr>(S2))
        Next = dyn_cast<CallExpr>(E2->IgnoreParenImpCasts());
      if (const auto *DS = dyn_cast<DoStmt>(S2)) // an unmap macro
        for (const Stmt *Child : DS->getBody()->children())
          if (const auto *CE = dyn_cast<CallExpr>(Child))
            if (auto R = resolveApiCall(CE, P.api(), Ctx); R && R->Entry->Unmap)
              Next = CE;
      std::optional<ApiCall> NextAC;
      if (Next)
        NextAC = resolveApiCall(Next, P.api(), Ctx);
      if (NextAC && NextAC->Entry->Unmap &&
          NextAC->Entry->Unmap->ArgIsAddress &&
          NextAC->Call->getNumArgs() > NextAC->Entry->Unmap->Arg) {
        const Expr *Arg = NextAC->Call->getArg(NextAC->Entry->Unmap->Arg);
        SourceManager &SM = Ctx.getSourceManager();
        CharSourceRange AR = Lexer::makeFileCharRange(
            CharSourceRange::getTokenRange(Arg->getSourceRange()), SM,
            Ctx.getLangOpts());
        std::string ArgText =
            AR.isValid() ? Lexer::getSourceText(AR, SM, Ctx.getLangOpts()).str()
                         : "";
        CharSourceRange R1 = statementRange(Ctx, S1),
                        R2 = statementRange(Ctx, S2);
        if (ArgText == Top.Name && R1.isValid() && R2.isValid() && AC.Fixable &&
            NextAC->Fixable) {
          std::string T1 =
              Lexer::getSourceText(R1, SM, Ctx.getLangOpts()).str();
          std::string T2 =
              Lexer::getSourceText(R2, SM, Ctx.getLangOpts()).str();
          Fixes.push_back(P.tu().replacement(R1, T2));
          Fixes.push_back(P.tu().replacement(R2, T1));
        }
      }
    }
  P.report(*this, AC.NameLoc,
           "'" + T.Mapping->Name + "' released while '" + Top.Name +
               "' is the most recent local mapping; local mappings must be "
               "released in reverse order",
           std::move(Notes), std::move(Fixes));
}

} // namespace kmapcheck
