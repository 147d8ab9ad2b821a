//===- PreemptBalanceCheck.cpp - preempt-balance
//-----------------------------===//
//
// Every path leaves the function at the preempt depth it entered with,
// counting the implicit disables of kmap_atomic(); an enable without a
// disable is a report. Enables in TU-local callees count (they are inlined).
//
// False-positive policy: a function called from elsewhere in this TU may
// enable or disable on behalf of its caller (a helper); it is judged through
// its callers, not on its own. Entry points (no caller in the TU) must
// balance, unless they are one half of a pair in this TU (exported
// kernel_fpu_begin_mask() and kernel_fpu_end()): they only disable (or only
// enable), nothing they call does the opposite, and a function of the file
// named as their partner (begin/end, lock/unlock, get/put, ...) only does the
// opposite. A path whose effects come from inside a user macro (the per-CPU
// lock wrappers of mm/page_alloc.c, correlated with trylock results the
// engine cannot see) is not judged either.
//
//===----------------------------------------------------------------------===//
#include "checks/PreemptBalanceCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace kmapcheck {
using namespace clang;

PreemptBalanceCheck::PreemptBalanceCheck(const CheckSpec &Spec,
                                         CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void PreemptBalanceCheck::onUnderflow(PathContext &P, const ApiCall &AC,
                                      Effect E) {
  if (E != Effect::PreemptEnable || !P.topIsEntryPoint() ||
      P.balanceIndirect() || P.topIsPairHalf(E))
    return;
  P.report(*this, AC.NameLoc,
           "'" + AC.Spelled +
               "' enables preemption without a matching "
               "disable on this path");
}

void PreemptBalanceCheck::atTopFunctionEnd(PathContext &P,
                                           const ReturnStmt *RS) {
  int Depth = P.preemptDepth();
  if (Depth <= 0 || !P.topIsEntryPoint() || P.balanceIndirect() ||
      P.topIsPairHalf(Effect::PreemptDisable))
    return;
  SourceLocation At =
      RS ? RS->getBeginLoc()
         : cast<CompoundStmt>(P.topFunction()->getBody())->getRBracLoc();
  std::vector<FindingNote> Notes;
  for (const MappingView &M : P.liveLocals())
    if (M.Kind == MapKind::Atomic)
      Notes.push_back(P.note(M.MapSite->getBeginLoc(),
                             "disabled implicitly by the kmap_atomic() of '" +
                                 M.Name + "'"));
  P.report(*this, At,
           "'" + P.topFunction()->getNameAsString() + "' returns with " +
               "preemption disabled on this path (depth " +
               std::to_string(Depth) + ")",
           std::move(Notes));
}

} // namespace kmapcheck
