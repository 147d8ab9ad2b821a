//===- PathState.cpp - Trait indices and value keys -----------------------===//
#include "core/engine/PathState.h"

using namespace clang;
using namespace clang::ento;

#define KMAPCHECK_DEFINE_TRAIT(Tag)                                            \
  void *clang::ento::ProgramStateTrait<kmapcheck::Tag>::GDMIndex() {           \
    static int Index;                                                          \
    return &Index;                                                             \
  }

KMAPCHECK_DEFINE_TRAIT(Mappings)
KMAPCHECK_DEFINE_TRAIT(LocalStack)
KMAPCHECK_DEFINE_TRAIT(HeldLocks)
KMAPCHECK_DEFINE_TRAIT(ErrPointers)
KMAPCHECK_DEFINE_TRAIT(PagefaultDepth)
KMAPCHECK_DEFINE_TRAIT(PreemptDepth)
KMAPCHECK_DEFINE_TRAIT(IrqOffDepth)
KMAPCHECK_DEFINE_TRAIT(BalanceIndirect)

namespace kmapcheck {

SymbolRef baseSymbol(SVal V) {
  if (const MemRegion *R = V.getAsRegion()) {
    R = R->getBaseRegion();
    if (const auto *SR = dyn_cast<SymbolicRegion>(R))
      return SR->getSymbol();
    return nullptr;
  }
  return V.getAsSymbol();
}

bool madeUpByEngine(SVal V) {
  if (V.isUnknownOrUndef())
    return true;
  SymbolRef S = baseSymbol(V);
  if (!S)
    return false;
  for (SymbolRef X : S->symbols())
    if (isa<SymbolConjured>(X))
      return true;
  return false;
}

const void *pageKey(SVal V) {
  if (const MemRegion *R = V.getAsRegion())
    return R->StripCasts();
  if (SymbolRef S = V.getAsSymbol())
    return S;
  return nullptr;
}

} // namespace kmapcheck
