//===- LockStateModel.cpp - Locks taken and released on a path ------------===//
//
// A lock is identified by its region (spin_lock(&l) and _raw_spin_lock(
// &l->rlock) name the same lock), or by its name when the model names it
// (a rules/api/ entry with lock arg -1: mmap_lock). A release reached through
// another expression for the same field matches by the field's declaration.
//
//===----------------------------------------------------------------------===//
#include "core/engine/EngineChecker.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

/// The member that wraps a spinlock_t's raw lock in the kernel's headers.
static constexpr llvm::StringLiteral RawLockMember = "rlock";

/// The declaration naming a lock region: the field (s_fc_lock) or variable.
static const Decl *lockDecl(const MemRegion *R) {
  if (const auto *FR = dyn_cast<FieldRegion>(R))
    return FR->getDecl();
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl();
  return nullptr;
}

const NamedDecl *lockArgDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  // _raw_spin_lock(&lock->rlock): the lock is the outer member.
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (ME->getMemberDecl()->getName() == RawLockMember) {
      E = ME->getBase()->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(E))
        if (UO->getOpcode() == UO_AddrOf)
          E = UO->getSubExpr()->IgnoreParenImpCasts();
    }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  return nullptr;
}

LockView PathEngine::lockView(const void *Key, const HeldLock &H) {
  LockView L;
  L.Id = Key;
  L.Sleeping = H.Sleeping;
  if (H.Named)
    L.Name = H.Named;
  else
    L.Name = static_cast<const MemRegion *>(Key)->getDescriptiveName(false);
  if (L.Name.empty())
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(H.D))
      L.Name = ND->getNameAsString();
  L.Site = H.Site;
  L.IrqOff = H.IrqOff;
  L.Decl = dyn_cast_or_null<NamedDecl>(H.D);
  return L;
}

ProgramStateRef KmapEngineChecker::modelLock(ProgramStateRef St,
                                             const ModeledCall &MC,
                                             CheckerContext &C) const {
  const LockSpec &Spec = *MC.AC.Entry->Lock;
  const CallEvent &Call = MC.Call;
  if (Spec.Arg >= 0 && unsigned(Spec.Arg) >= Call.getNumArgs())
    return St;
  const void *L = nullptr;
  const MemRegion *LR = nullptr;
  const char *Named = nullptr;
  if (Spec.Arg < 0) {
    // A lock the model names: one per name.
    Named = E->internLockName(Spec.Lock);
    L = Named;
  } else if ((LR = Call.getArgSVal(Spec.Arg).getAsRegion())) {
    LR = LR->StripCasts();
    if (const auto *FR = dyn_cast<FieldRegion>(LR))
      if (FR->getDecl()->getName() == RawLockMember)
        LR = FR->getSuperRegion();
    L = LR;
  }
  if (!L)
    return St;
  const HeldLock *H = St->get<HeldLocks>(L);
  // The same lock reached through another expression
  // (&sbi->s_fc_lock, &EXT4_SB(sb)->s_fc_lock): match by its field.
  if (!H && Spec.Action == LockAction::Release)
    if (const Decl *D = LR ? lockDecl(LR) : nullptr)
      for (auto &KV : St->get<HeldLocks>())
        if (KV.second.D == D) {
          L = KV.first;
          H = &KV.second;
        }
  bool IrqOff = Spec.Irq == LockIrq::Disable || Spec.Irq == LockIrq::Save;
  if (Spec.Action == LockAction::Acquire) {
    HeldLock N = H ? *H : HeldLock();
    N.Count++;
    N.IrqOff = IrqOff;
    N.Site = MC.CE;
    N.D = LR ? lockDecl(LR) : nullptr;
    N.Sleeping = Spec.Sleeping;
    N.Named = Named;
    St = St->set<HeldLocks>(L, N);
    if (IrqOff)
      St = St->set<IrqOffDepth>(St->get<IrqOffDepth>() + 1);
    LockView V = E->lockView(L, N);
    return E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
      PC.afterLockAcquire(P, MC.AC, V);
    });
  }
  if (H) {
    LockView V = E->lockView(L, *H);
    St = E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
      PC.beforeLockRelease(P, MC.AC, V);
    });
    H = St->get<HeldLocks>(L);
  }
  if (H && H->Count > 1) {
    HeldLock N = *H;
    N.Count--;
    St = St->set<HeldLocks>(L, N);
  } else {
    St = St->remove<HeldLocks>(L);
  }
  if (Spec.Irq == LockIrq::Enable || Spec.Irq == LockIrq::Restore)
    St = St->set<IrqOffDepth>(std::max(0, St->get<IrqOffDepth>() - 1));
  return St;
}

} // namespace kmapcheck
