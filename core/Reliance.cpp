//===- Reliance.cpp -------------------------------------------------------===//
#include "core/Reliance.h"
#include "core/ApiCallResolver.h"

#include "clang/Basic/SourceManager.h"

namespace kmapcheck {
using namespace clang;

bool reliesOnPagefaultsOff(const ApiEntry &E) {
  return E.UserCopy || E.hasNeed(AtomicNeed::Pagefault);
}

bool reliesOnPreemptOff(const ApiEntry &E) {
  return E.hasNeed(AtomicNeed::Preempt);
}

bool mustFailFast(const ApiEntry &E, bool HoldsFaultLock) {
  return E.UserCopy && (E.hasNeed(AtomicNeed::Pagefault) || HoldsFaultLock);
}

/// Records the first evidence only.
static void note(Reliance::Evidence &Ev, SourceLocation Loc, std::string Why,
                 unsigned Offset) {
  if (Ev.Found)
    return;
  Ev.Found = true;
  Ev.Loc = Loc;
  Ev.Why = std::move(Why);
  Ev.Offset = Offset;
}

unsigned RelianceAnalysis::offsetOf(SourceLocation L) {
  SourceManager &SM = Ctx.sm();
  return SM.getDecomposedLoc(SM.getExpansionLoc(L)).second;
}

Reliance RelianceAnalysis::callee(const FunctionDecl *Callee, unsigned Depth) {
  Callee = Callee->getDefinition();
  if (!Callee || !Callee->hasBody() || Depth > 8)
    return {};
  auto It = Memo.find(Callee);
  if (It != Memo.end())
    return It->second;
  Memo[Callee] = Reliance(); // recursion guard
  BodyIndex Body(Callee->getBody());
  Reliance R;
  for (const CallExpr *CE : Body.Calls)
    addCall(CE, R, Depth + 1);
  Memo[Callee] = R;
  return R;
}

void RelianceAnalysis::addCall(const CallExpr *CE, Reliance &R,
                               unsigned Depth) {
  if (auto AC = resolveApiCall(CE, Ctx.api(), Ctx.ast())) {
    const ApiEntry &E = *AC->Entry;
    std::string Why = "'" + AC->Spelled + "'";
    if (reliesOnPagefaultsOff(E))
      note(R.Pagefault, AC->NameLoc, Why, offsetOf(AC->NameLoc));
    if (reliesOnPreemptOff(E))
      note(R.Preempt, AC->NameLoc, Why, offsetOf(AC->NameLoc));
    return;
  }
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || Ctx.api().isModeled(Callee->getName()))
    return;
  Reliance Sub = callee(Callee, Depth);
  SourceLocation L = Ctx.sm().getExpansionLoc(CE->getBeginLoc());
  std::string Via = "'" + Callee->getNameAsString() + "' (through ";
  if (Sub.Pagefault.Found)
    note(R.Pagefault, L, Via + Sub.Pagefault.Why + ")", offsetOf(L));
  if (Sub.Preempt.Found)
    note(R.Preempt, L, Via + Sub.Preempt.Why + ")", offsetOf(L));
}

Reliance RelianceAnalysis::section(const BodyIndex &Body, FileID File,
                                   unsigned Begin, unsigned End) {
  SourceManager &SM = Ctx.sm();
  auto Inside = [&](SourceLocation L, unsigned &Off) {
    if (SM.getFileID(L) != File)
      return false;
    Off = SM.getDecomposedLoc(L).second;
    return Off > Begin && Off < End;
  };
  Reliance R;
  unsigned Off;
  for (const CallExpr *CE : Body.Calls)
    if (Inside(SM.getExpansionLoc(CE->getBeginLoc()), Off))
      addCall(CE, R, 0);
  // The model's macros that expand to no call of their own.
  for (const MacroUse &M : Ctx.macroUses()) {
    SourceLocation L = SM.getExpansionLoc(M.Loc);
    if (!Inside(L, Off))
      continue;
    if (reliesOnPagefaultsOff(*M.Entry))
      note(R.Pagefault, L, "'" + M.Name + "'", Off);
    if (reliesOnPreemptOff(*M.Entry))
      note(R.Preempt, L, "'" + M.Name + "'", Off);
  }
  return R;
}

} // namespace kmapcheck
