//===- DepthBalanceCheck.cpp - shared by the *-balance checks -------------===//
//
// Every path leaves the function at the depth it entered with, counting the
// implicit disables of kmap_atomic(); an enable without a disable is a
// report. Enables in TU-local callees count (they are inlined).
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
#include "checks/DepthBalanceCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace kmapcheck {
using namespace clang;

DepthBalanceCheck::DepthBalanceCheck(const CheckSpec &Spec,
                                     CheckOptions Options, Effect Disable,
                                     Effect Enable, const char *Counter,
                                     int (PathContext::*Depth)() const)
    : PathCheck(Spec, std::move(Options)), Disable(Disable), Enable(Enable),
      Counter(Counter), Depth(Depth) {}

void DepthBalanceCheck::onUnderflow(PathContext &P, const ApiCall &AC,
                                    Effect E) {
  if (E != Enable || !P.topIsEntryPoint() || P.balanceIndirect() ||
      P.topIsPairHalf(Enable))
    return;
  P.report(*this, AC.NameLoc,
           "'" + AC.Spelled + "' enables " + Counter +
               " without a matching disable on this path");
}

void DepthBalanceCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  int D = (P.*Depth)();
  if (D <= 0 || !P.topIsEntryPoint() || P.balanceIndirect() ||
      P.topIsPairHalf(Disable))
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
               Counter + " disabled on this path (depth " + std::to_string(D) +
               ")",
           std::move(Notes));
}

} // namespace kmapcheck
