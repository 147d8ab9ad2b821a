//===- ContextModel.cpp - Execution context: depths, IS_ERR, noreturn -----===//
//
// The page-fault, preemption and IRQ-off depths a path runs at, changed by
// the effects of rules/api/*.yaml; IS_ERR()/IS_ERR_OR_NULL() answering the
// same way for the same pointer on a path; calls that do not return.
//
//===----------------------------------------------------------------------===//
#include "core/Summaries.h"
#include "core/engine/EngineChecker.h"

#include "clang/Basic/Builtins.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

/// The depth effect \p Ef changes, and by how much.
static int depthOf(ProgramStateRef St, Effect Ef) {
  switch (Ef) {
  case Effect::PagefaultDisable:
  case Effect::PagefaultEnable:
    return St->get<PagefaultDepth>();
  case Effect::PreemptDisable:
  case Effect::PreemptEnable:
    return St->get<PreemptDepth>();
  case Effect::IrqDisable:
  case Effect::IrqSave:
  case Effect::IrqEnable:
  case Effect::IrqRestore:
    return St->get<IrqOffDepth>();
  }
  return 0;
}

static ProgramStateRef applyEffect(ProgramStateRef St, Effect Ef) {
  switch (Ef) {
  case Effect::PagefaultDisable:
    return St->set<PagefaultDepth>(St->get<PagefaultDepth>() + 1);
  case Effect::PagefaultEnable:
    return St->set<PagefaultDepth>(St->get<PagefaultDepth>() - 1);
  case Effect::PreemptDisable:
    return St->set<PreemptDepth>(St->get<PreemptDepth>() + 1);
  case Effect::PreemptEnable:
    return St->set<PreemptDepth>(St->get<PreemptDepth>() - 1);
  case Effect::IrqDisable:
  case Effect::IrqSave:
    return St->set<IrqOffDepth>(St->get<IrqOffDepth>() + 1);
  case Effect::IrqEnable:
  case Effect::IrqRestore:
    return St->set<IrqOffDepth>(std::max(0, St->get<IrqOffDepth>() - 1));
  }
  return St;
}

static bool isIrqEffect(Effect Ef) {
  return Ef == Effect::IrqDisable || Ef == Effect::IrqEnable ||
         Ef == Effect::IrqSave || Ef == Effect::IrqRestore;
}

ProgramStateRef KmapEngineChecker::modelEffects(ProgramStateRef St,
                                                const ModeledCall &MC,
                                                CheckerContext &C) const {
  const ApiEntry &Ent = *MC.AC.Entry;
  // An unmap of a mapping this path did not create (loaded from a struct):
  // its implicit enables match a disable made elsewhere.
  bool UnknownUnmap = false;
  if (Ent.Unmap && Ent.Unmap->Arg < MC.Call.getNumArgs() &&
      Ent.Unmap->ArgIsAddress) {
    SymbolRef S = baseSymbol(MC.Call.getArgSVal(Ent.Unmap->Arg));
    UnknownUnmap = !S || !C.getState()->get<Mappings>(S);
  }
  for (Effect Ef : Ent.Effects) {
    if (UnknownUnmap)
      St = St->set<BalanceIndirect>(true);
    // Written inside a user macro (per-CPU lock wrappers).
    if (!MC.AC.Fixable && !isIrqEffect(Ef))
      St = St->set<BalanceIndirect>(true);
    int Depth = depthOf(St, Ef);
    St = E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
      PC.beforeEffect(P, MC.AC, Ef, Depth);
    });
    St = applyEffect(St, Ef);
  }
  return St;
}

/// include/linux/err.h: error pointers are the last MAX_ERRNO addresses.
static constexpr int64_t MaxErrno = 4095;

bool KmapEngineChecker::evalErrorPointerTest(ProgramStateRef St,
                                             const ApiEntry &Ent,
                                             const CallEvent &Call,
                                             CheckerContext &C) const {
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  if (Call.getNumArgs() != 1)
    return false;
  const LocationContext *LC = C.getLocationContext();
  SVal P = Call.getArgSVal(0);
  const void *Key = pageKey(P);
  auto DP = P.getAs<DefinedOrUnknownSVal>();
  auto Bind = [&](ProgramStateRef S, bool V) {
    return S->BindExpr(CE, LC,
                       C.getSValBuilder().makeTruthVal(V, CE->getType()));
  };
  bool OrNull = Ent.ErrTest == ErrorPointerTest::IsErrOrNull;
  // A NULL pointer is no error pointer.
  if (DP) {
    ConditionTruthVal Null = St->isNull(*DP);
    if (Null.isConstrainedTrue()) {
      C.addTransition(Bind(St, OrNull));
      return true;
    }
  }
  // A constant (ERR_PTR(-EIO) inlined) is tested by its value.
  if (auto CI = P.getAs<loc::ConcreteInt>()) {
    const llvm::APSInt &V = CI->getValue();
    llvm::APInt FirstErr(V.getBitWidth(), -MaxErrno, /*isSigned=*/true);
    C.addTransition(Bind(St, V.isZero() ? OrNull : V.uge(FirstErr)));
    return true;
  }
  // A mapping's address, or a page a map was given (it dereferenced it),
  // is a valid pointer: a callee that returns one, or an error pointer
  // only after it unmapped, leaves no path where the caller holds the
  // mapping and sees an error.
  bool Valid = false;
  if (SymbolRef S = baseSymbol(P))
    Valid = St->get<Mappings>(S);
  if (!Valid && Key)
    for (auto &KV : St->get<Mappings>())
      if (KV.second.Page == Key) {
        Valid = true;
        break;
      }
  if (Valid) {
    C.addTransition(Bind(St, false));
    return true;
  }
  if (Key)
    if (const bool *Known = St->get<ErrPointers>(Key)) {
      if (*Known || !OrNull) {
        C.addTransition(Bind(St, *Known));
        return true;
      }
    }
  // Not an error pointer (and, for IS_ERR_OR_NULL, not NULL either).
  ProgramStateRef No = St;
  if (OrNull && DP)
    No = No->assume(*DP, true);
  if (No) {
    if (Key)
      No = No->set<ErrPointers>(Key, false);
    C.addTransition(Bind(No, false));
  }
  // An error pointer is not NULL; IS_ERR_OR_NULL may also mean NULL.
  ProgramStateRef Yes = St;
  if (!OrNull && Key) {
    if (DP)
      Yes = Yes->assume(*DP, true);
    if (Yes)
      Yes = Yes->set<ErrPointers>(Key, true);
  }
  if (Yes)
    C.addTransition(Bind(Yes, true));
  return true;
}

/// A call that does not return (BUG(), panic()) ends the path: the CFG links
/// it to the exit block, which must not look like a return.
void KmapEngineChecker::checkPostCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  // A call with a body evaluated without it (deeper than the analyzer
  // inlines, a loop in it that exhausted its budget, MaxFrames) whose body
  // reaches a map, an unmap or a depth effect: what it did to the depths is
  // unknown, so this path's balance is not judged. kernel/iomem.c: the
  // analyzer inlined the branch-free rcu_read_lock_sched() five frames deep
  // in pfn_valid(), but not rcu_read_unlock_sched(), and devm_memremap()
  // "returned with preemption disabled".
  ProgramStateRef St = C.getState();
  if (!C.wasInlined) {
    const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
    const auto *Def =
        dyn_cast_or_null<FunctionDecl>(Call.getRuntimeDefinition().getDecl());
    if (CE && Def && Def->hasBody() && !E->resolve(CE) &&
        !St->get<BalanceIndirect>() && E->reachesModeledCall(Def))
      St = St->set<BalanceIndirect>(true);
    // The same for a function of another TU whose summary says it may
    // change a depth, but not how (kernel_fpu_end()'s preempt_enable()
    // after a WARN, while kernel_fpu_begin_mask() is summarised).
    const SummaryIndex *Sums = E->Ctx.summaries();
    if (CE && !Def && FD->getIdentifier() && !E->resolve(CE) &&
        (St->get<PagefaultDepth>() || St->get<PreemptDepth>())) {
      // Called with a depth to balance: whether its summary says the depth
      // may change decides the path (the driver analyses the TU again when
      // the merged summaries say otherwise).
      bool Unknown = Sums && Sums->depthUnknown(FD->getName());
      E->DepthCalls[FD->getName()] |= Unknown;
      if (Unknown && !St->get<BalanceIndirect>())
        St = St->set<BalanceIndirect>(true);
    }
  }
  if (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>() ||
      FD->getBuiltinID() == Builtin::BI__builtin_unreachable ||
      FD->getBuiltinID() == Builtin::BI__builtin_trap)
    C.generateSink(St, C.getPredecessor());
  else if (St != C.getState())
    C.addTransition(St);
}

} // namespace kmapcheck
