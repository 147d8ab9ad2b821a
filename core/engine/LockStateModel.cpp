//===- LockStateModel.cpp - Locks taken and released on a path ------------===//
//
// A lock is identified by its region (spin_lock(&l) and _raw_spin_lock(
// &l->rlock) name the same lock, and so does the raw lock in spinlock_t's
// anonymous union that spin_lock_irqsave() reaches through spinlock_check()),
// or by its name when the model names it (a rules/api/ entry with lock arg
// -1: mmap_lock). A release reached through another expression for the same
// field matches by the field's declaration.
//
// A lock whose identity is unknown (no region, or a pointer an opaque call
// returned: another call may return another lock) is kept on the path so
// that its release can find it, but checks never see it; a release of such
// a lock may release any held lock of its kind, which checks then no longer
// see either. The engine counts these calls (--stats).
//
//===----------------------------------------------------------------------===//
#include "core/engine/EngineChecker.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

/// The member that wraps a spinlock_t's raw lock in the kernel's headers.
static constexpr llvm::StringLiteral RawLockMember = "rlock";

/// The memory a pointer symbol was read from (a parameter, a variable, a
/// field); null for a value an opaque call returned.
static const MemRegion *pointerSource(SymbolRef S) {
  if (const auto *RV = dyn_cast<SymbolRegionValue>(S))
    return RV->getRegion();
  if (const auto *SD = dyn_cast<SymbolDerived>(S))
    return SD->getRegion();
  return nullptr;
}

/// The declaration naming a lock region: the field (s_fc_lock) or variable.
static const Decl *lockDecl(const MemRegion *R) {
  if (const auto *FR = dyn_cast<FieldRegion>(R))
    return FR->getDecl();
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl();
  // What a pointer field points to (spin_lock_irq(ap->lock) with
  // 'spinlock_t *lock' in struct ata_port): the field names the lock, also
  // when a call in between made the engine read the pointer again.
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    if (const auto *FR =
            dyn_cast_or_null<FieldRegion>(pointerSource(SR->getSymbol())))
      return FR->getDecl();
  return nullptr;
}

/// The lock a region lies in: the spinlock_t around its raw lock (the rlock
/// member, through the anonymous union or struct that holds it).
static const MemRegion *lockRegion(const MemRegion *R) {
  R = R->StripCasts();
  while (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const FieldDecl *FD = FR->getDecl();
    if (FD->getName() != RawLockMember && !FD->isAnonymousStructOrUnion())
      break;
    R = FR->getSuperRegion()->StripCasts();
  }
  return R;
}

static std::string objectText(const MemRegion *R);

/// The text of the pointer whose pointee is the symbolic region of \p S:
/// a parameter or variable ('lock'), a loaded field ('dev->lockp'); empty
/// for a value an opaque call returned.
static std::string pointerText(SymbolRef S) {
  const MemRegion *From = pointerSource(S);
  return From ? objectText(From) : "";
}

/// The region without zero-index element layers (p[0] is *p).
static const MemRegion *skipZeroElements(const MemRegion *R) {
  while (const auto *ER = dyn_cast<ElementRegion>(R)) {
    if (!ER->getIndex().isZeroConstant())
      break;
    R = ER->getSuperRegion();
  }
  return R;
}

/// An object region as C text: 'kmap_lock', 'port->lock', 'sb->s_fc_lock';
/// empty when a part has no name.
static std::string objectText(const MemRegion *R) {
  R = skipZeroElements(R);
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl()->getNameAsString();
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const MemRegion *Base = skipZeroElements(FR->getSuperRegion());
    // Members of anonymous unions and structs read as members of the
    // enclosing object.
    while (const auto *AF = dyn_cast<FieldRegion>(Base)) {
      if (!AF->getDecl()->isAnonymousStructOrUnion())
        break;
      Base = skipZeroElements(AF->getSuperRegion());
    }
    std::string Field = FR->getDecl()->getNameAsString();
    if (FR->getDecl()->isAnonymousStructOrUnion())
      return objectText(Base);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Base)) {
      std::string Ptr = pointerText(SR->getSymbol());
      return Ptr.empty() ? "" : Ptr + "->" + Field;
    }
    std::string B = objectText(Base);
    return B.empty() ? "" : B + "." + Field;
  }
  if (const auto *SR = dyn_cast<SymbolicRegion>(R)) {
    std::string Ptr = pointerText(SR->getSymbol());
    return Ptr.empty() ? "" : "*" + Ptr;
  }
  return "";
}

/// How a lock region reads in a message: 'port->lock', 'kmap_lock', or for
/// the object a pointer points to, the pointer ('lock' for spinlock_t
/// *lock). Empty when it has no name.
static std::string regionLockName(const MemRegion *R) {
  if (const auto *SR = dyn_cast<SymbolicRegion>(skipZeroElements(R)))
    return pointerText(SR->getSymbol());
  return objectText(R);
}

/// A lock region that says which lock it is: a variable, a field, or what
/// a parameter or a loaded pointer points to. A pointer an opaque call
/// returned does not (each call may return another lock).
static bool lockIdentityKnown(const MemRegion *R) {
  if (!R)
    return false;
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    return pointerSource(SR->getSymbol()) != nullptr;
  return lockDecl(R) || !regionLockName(R).empty();
}

/// A function that returns the address of a member of what its one
/// parameter points to (spinlock_check: return &lock->rlock): its call
/// names the same lock as its argument.
static bool isLockAccessor(const FunctionDecl *FD) {
  if (!FD || FD->getNumParams() != 1 || !FD->getReturnType()->isPointerType())
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *RS = dyn_cast<ReturnStmt>(Body->body_front());
  if (!RS || !RS->getRetValue())
    return false;
  const auto *UO =
      dyn_cast<UnaryOperator>(RS->getRetValue()->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return false;
  const Expr *E = UO->getSubExpr()->IgnoreParenImpCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E))
    E = ME->getBase()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE && DRE->getDecl() == FD->getParamDecl(0);
}

const NamedDecl *lockArgDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  // spinlock_check(lock): the lock is its argument.
  while (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (CE->getNumArgs() != 1 || !isLockAccessor(CE->getDirectCallee()))
      return nullptr;
    E = CE->getArg(0)->IgnoreParenImpCasts();
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  // _raw_spin_lock(&lock->rlock): the lock is the outer member (through the
  // anonymous union that holds the raw lock).
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (ME->getMemberDecl()->getName() == RawLockMember) {
      E = ME->getBase()->IgnoreParenImpCasts();
      while (const auto *Anon = dyn_cast<MemberExpr>(E)) {
        const auto *FD = dyn_cast<FieldDecl>(Anon->getMemberDecl());
        if (!FD || !FD->isAnonymousStructOrUnion())
          break;
        E = Anon->getBase()->IgnoreParenImpCasts();
      }
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
  else if (!H.Unknown)
    L.Name = regionLockName(static_cast<const MemRegion *>(Key));
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
  bool Unknown = false;
  if (Spec.Arg < 0) {
    // A lock the model names: one per name.
    Named = E->internLockName(Spec.Lock);
    L = Named;
  } else {
    if (const MemRegion *R = Call.getArgSVal(Spec.Arg).getAsRegion())
      LR = lockRegion(R);
    Unknown = !lockIdentityKnown(LR);
    // No region at all: the call is the key (its release cannot find it).
    L = LR ? static_cast<const void *>(LR) : MC.CE;
  }
  if (Unknown)
    E->UnknownLockCalls.insert(MC.CE);
  bool IrqOff = Spec.Irq == LockIrq::Disable || Spec.Irq == LockIrq::Save;
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
  if (Spec.Action == LockAction::Acquire) {
    HeldLock N = H ? *H : HeldLock();
    N.Count++;
    N.IrqOff = IrqOff;
    N.Site = MC.CE;
    N.D = LR ? lockDecl(LR) : nullptr;
    N.Sleeping = Spec.Sleeping;
    N.Named = Named;
    N.Unknown |= Unknown;
    St = St->set<HeldLocks>(L, N);
    if (IrqOff)
      St = St->set<IrqOffDepth>(St->get<IrqOffDepth>() + 1);
    if (N.Unknown)
      return St;
    LockView V = E->lockView(L, N);
    return E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
      PC.afterLockAcquire(P, MC.AC, V);
    });
  }
  if (H && !H->Unknown) {
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
  } else if (H) {
    St = St->remove<HeldLocks>(L);
  } else if (Unknown) {
    // It may have released any held lock of its kind: which ones are still
    // held is no longer known.
    for (auto &KV : St->get<HeldLocks>())
      if (KV.second.Sleeping == Spec.Sleeping && !KV.second.Named &&
          !KV.second.Unknown) {
        HeldLock N = KV.second;
        N.Unknown = true;
        St = St->set<HeldLocks>(KV.first, N);
      }
  }
  if (Spec.Irq == LockIrq::Enable || Spec.Irq == LockIrq::Restore)
    St = St->set<IrqOffDepth>(std::max(0, St->get<IrqOffDepth>() - 1));
  return St;
}

} // namespace kmapcheck
