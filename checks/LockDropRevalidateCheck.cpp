//===- LockDropRevalidateCheck.cpp - lock-drop-revalidate -----------------===//
//
// Dropping kmap_lock around the flush lets other
// tasks change what it guards (pkmap_count, pkmap_page_table, last_pkmap_nr,
// the page -> address table). kmap_high() found page_address(page) == NULL
// under the lock; if map_new_virtual() -> flush_all_zero_pkmaps() drops and
// re-takes the lock, another task may map the page meanwhile, and the first
// maps it a second time. The sleeping path of map_new_virtual() does it
// right: after re-taking the lock it re-reads page_address(page).
//
// Reported: a write of guarded data (a declared accessor's write, or a store
// to a guarded variable) after its lock was dropped and re-taken on this
// path, when it relies on a decision taken on, or a value computed from,
// guarded data read before the drop. A re-read after the re-take silences
// it. Lock, guarded data and accessors come from rules/locks/.
//
// False-positive policy: only locks, guarded data and accessors declared in
// rules/locks/ are considered. A write is reported only when, on this path, it
// depends (through a decision or a value) on guarded data read before the lock
// was dropped and re-taken; a re-read after the re-take clears that data, and
// writes to data no lock declares guarded are never reported.
//
//===----------------------------------------------------------------------===//
#include "checks/LockDropRevalidateCheck.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

using namespace clang;
using namespace clang::ento;

namespace {
/// Where a lock was last dropped and re-taken on this path.
struct LockDrop {
  const Expr *Release = nullptr;
  const LocationContext *ReleaseLC = nullptr;
  const Expr *Reacquire = nullptr;
  bool operator==(const LockDrop &O) const {
    return Release == O.Release && ReleaseLC == O.ReleaseLC &&
           Reacquire == O.Reacquire;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Release);
    ID.AddPointer(ReleaseLC);
    ID.AddPointer(Reacquire);
  }
};

/// Guarded data read under its lock: when, and whether a branch used it.
struct GuardedRead {
  const Decl *Lock = nullptr;
  unsigned Epoch = 0;
  const Expr *Site = nullptr;
  const Stmt *BranchSite = nullptr;
  bool operator==(const GuardedRead &O) const {
    return Lock == O.Lock && Epoch == O.Epoch && Site == O.Site &&
           BranchSite == O.BranchSite;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Lock);
    ID.AddInteger(Epoch);
    ID.AddPointer(Site);
    ID.AddPointer(BranchSite);
  }
};
/// A datum: a guarded variable (and its element), or an accessor's read
/// function with the page it is asked about.
using ReadKey = std::pair<const void *, const void *>;
} // namespace

// How many times each declared lock was taken on this path.
REGISTER_MAP_WITH_PROGRAMSTATE(LockEpochs, const Decl *, unsigned)
REGISTER_MAP_WITH_PROGRAMSTATE(LockDrops, const Decl *, LockDrop)
REGISTER_MAP_WITH_PROGRAMSTATE(GuardedReads, ReadKey, GuardedRead)
// Values computed from a guarded read, by symbol.
REGISTER_MAP_WITH_PROGRAMSTATE(GuardedValues, SymbolRef, ReadKey)

namespace kmapcheck {

LockDropRevalidateCheck::LockDropRevalidateCheck(const CheckSpec &Spec,
                                                 CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

/// The held lock that rules/locks/ names \p Name (its field or variable
/// declaration), or null.
static const Decl *heldLockNamed(const PathContext &P, llvm::StringRef Name) {
  for (const LockView &L : P.heldLocks())
    if (L.Decl && L.Decl->getName() == Name)
      return L.Decl;
  return nullptr;
}

static ProgramStateRef recordRead(ProgramStateRef St, ReadKey K,
                                  const Decl *Lock, const Expr *Site,
                                  SVal Value) {
  const unsigned *Ep = St->get<LockEpochs>(Lock);
  GuardedRead R;
  R.Lock = Lock;
  R.Epoch = Ep ? *Ep : 0;
  R.Site = Site;
  St = St->set<GuardedReads>(K, R);
  if (SymbolRef S = Value.getAsSymbol())
    St = St->set<GuardedValues>(S, K);
  return St;
}

/// The symbols a value depends on (through casts to integers too).
static void symbolsOf(SVal V, llvm::SmallVectorImpl<SymbolRef> &Out) {
  SymbolRef S = V.getAsSymbol();
  if (!S)
    if (auto LI = V.getAs<nonloc::LocAsInteger>())
      S = LI->getLoc().getAsLocSymbol();
  if (!S)
    if (const MemRegion *R = V.getAsRegion())
      if (const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion()))
        S = SR->getSymbol();
  if (!S)
    return;
  for (SymbolRef X : S->symbols())
    Out.push_back(X);
}

void LockDropRevalidateCheck::checkStale(PathContext &P, ReadKey K,
                                         const Decl *Lock,
                                         const std::string &What,
                                         const Stmt *UseSite,
                                         const std::string &Use,
                                         llvm::ArrayRef<SVal> Values) {
  ProgramStateRef St = P.state();
  const unsigned *Ep = St->get<LockEpochs>(Lock);
  unsigned Now = Ep ? *Ep : 0;
  const LockDrop *Dr = St->get<LockDrops>(Lock);
  if (!Dr || !Dr->Reacquire)
    return;
  auto Emit = [&](const GuardedRead &R, const std::string &W) {
    std::string LockName;
    if (const auto *ND = dyn_cast<NamedDecl>(Lock))
      LockName = ND->getNameAsString();
    // The call chain of the drop: the functions between it and the top.
    std::string Chain;
    for (const LocationContext *L = Dr->ReleaseLC; L && !L->inTopFrame();
         L = L->getParent()) {
      const auto *FD = dyn_cast_or_null<FunctionDecl>(L->getDecl());
      if (!FD)
        continue;
      Chain += Chain.empty() ? FD->getNameAsString()
                             : " (called from " + FD->getNameAsString() + ")";
    }
    std::vector<FindingNote> Notes;
    if (R.Site)
      Notes.push_back(P.note(R.Site->getBeginLoc(),
                             "'" + W + "' read under '" + LockName + "' here"));
    if (R.BranchSite)
      Notes.push_back(P.note(R.BranchSite->getBeginLoc(),
                             "decision taken on '" + W + "' here"));
    if (Dr->Release)
      Notes.push_back(P.note(
          Dr->Release->getBeginLoc(),
          "'" + LockName + "' released here" +
              (Chain.empty() ? std::string() : " in " + Chain)));
    if (Dr->Reacquire)
      Notes.push_back(P.note(Dr->Reacquire->getBeginLoc(),
                             "'" + LockName + "' re-taken here"));
    // The message names the function that drops the lock; the note gives
    // the whole call chain (the same drop is reached from several callers).
    std::string Where = Chain.substr(0, Chain.find(" ("));
    std::string Msg = Use + " relies on '" + W + "' read before '" + LockName +
                      "' was dropped" +
                      (Where.empty() ? std::string() : " in " + Where) +
                      " and re-taken; other tasks may have changed it: "
                      "re-read it after re-taking the lock";
    P.report(*this, UseSite->getBeginLoc(), Msg, std::move(Notes));
  };
  // A decision taken on the data before the drop, relied on by this write.
  if (const GuardedRead *R = St->get<GuardedReads>(K))
    if (R->Lock == Lock && R->Epoch < Now && R->BranchSite) {
      Emit(*R, What);
      return;
    }
  // A value computed from guarded data before the drop, used now.
  for (SVal V : Values) {
    SymbolRef S = V.getAsSymbol();
    if (!S)
      continue;
    for (SymbolRef X : S->symbols())
      if (const ReadKey *VK = St->get<GuardedValues>(X))
        if (const GuardedRead *R = St->get<GuardedReads>(*VK))
          if (R->Lock == Lock && R->Epoch < Now) {
            Emit(*R, P.exprText(R->Site));
            return;
          }
  }
}

// Guarded data read and written through accessors (page_address()): a
// write is judged before the call, a read recorded with its value after it.
void LockDropRevalidateCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                         const CallEvent &Call) {
  LockAccessor A = P.tu().locks().accessor(AC.Spelled);
  if (!A.Lock || !A.IsWrite || Call.getNumArgs() == 0)
    return;
  const Decl *Held = heldLockNamed(P, A.Lock->Name);
  if (!Held)
    return;
  ReadKey K{P.api().lookupName(A.Read), pageKey(Call.getArgSVal(0))};
  std::string What =
      A.Read.str() + "(" + P.exprText(Call.getArgExpr(0)) + ")";
  llvm::SmallVector<SVal, 2> Vals;
  for (unsigned I = 1; I < Call.getNumArgs(); ++I)
    Vals.push_back(Call.getArgSVal(I));
  checkStale(P, K, Held, What, AC.Call, "'" + AC.Spelled + "'", Vals);
  P.setState(recordRead(P.state(), K, Held, AC.Call, UnknownVal()));
}

void LockDropRevalidateCheck::afterCall(PathContext &P, const ApiCall &AC,
                                        const CallEvent &Call, SVal Ret) {
  LockAccessor A = P.tu().locks().accessor(AC.Spelled);
  if (!A.Lock || A.IsWrite || Call.getNumArgs() == 0)
    return;
  if (const Decl *Held = heldLockNamed(P, A.Lock->Name)) {
    ReadKey K{P.api().lookupName(A.Read), pageKey(Call.getArgSVal(0))};
    P.setState(recordRead(P.state(), K, Held, AC.Call, Ret));
  }
}

void LockDropRevalidateCheck::afterLockAcquire(PathContext &P,
                                               const ApiCall &AC,
                                               const LockView &L) {
  if (!L.Decl)
    return;
  ProgramStateRef St = P.state();
  const unsigned *Ep = St->get<LockEpochs>(L.Decl);
  St = St->set<LockEpochs>(L.Decl, (Ep ? *Ep : 0) + 1);
  if (const LockDrop *Dr = St->get<LockDrops>(L.Decl))
    if (!Dr->Reacquire) {
      LockDrop X = *Dr;
      X.Reacquire = L.Site;
      St = St->set<LockDrops>(L.Decl, X);
      // While the lock was dropped other tasks may have changed what it
      // guards: forget the values of the guarded globals.
      CheckerContext &C = P.checker();
      const LocationContext *LC = C.getLocationContext();
      llvm::SmallVector<const MemRegion *, 4> Guarded;
      if (const LockDecl *LD = P.tu().locks().byName(L.Decl->getName()))
        for (const std::string &V : LD->GuardedVariables)
          if (const VarDecl *VD = guardedGlobal(P, V))
            Guarded.push_back(
                C.getStoreManager().getRegionManager().getVarRegion(VD, LC));
      if (!Guarded.empty())
        St = St->invalidateRegions(Guarded, L.Site, C.blockCount(), LC,
                                   /*CausesPointerEscape=*/false);
    }
  P.setState(St);
}

void LockDropRevalidateCheck::beforeLockRelease(PathContext &P,
                                                const ApiCall &AC,
                                                const LockView &L) {
  if (!L.Decl)
    return;
  LockDrop Dr;
  Dr.Release = AC.Call;
  Dr.ReleaseLC = P.checker().getLocationContext();
  P.setState(P.state()->set<LockDrops>(L.Decl, Dr));
}

const VarDecl *LockDropRevalidateCheck::guardedGlobal(PathContext &P,
                                                      llvm::StringRef Name) {
  if (!GlobalsIndexed) {
    GlobalsIndexed = true;
    for (const Decl *D : P.tu().ast().getTranslationUnitDecl()->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasGlobalStorage() && VD->getIdentifier())
          if (const LockDecl *LD = P.tu().locks().guarding(VD->getName()))
            if (llvm::is_contained(LD->GuardedVariables, VD->getName()))
              GuardedGlobals[VD->getName()] = VD;
  }
  return GuardedGlobals.lookup(Name);
}

namespace {
/// Guarded data at a location, while its lock is held: the variable (or an
/// element of it: pkmap_count[i] is its own datum) and the held lock.
struct HeldDatum {
  ReadKey Key;
  const VarRegion *Var = nullptr;
  const Decl *Held = nullptr;
};
} // namespace

static std::optional<HeldDatum> heldDatumAt(const PathContext &P, SVal Loc) {
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return std::nullopt;
  const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion());
  if (!VR)
    return std::nullopt;
  const LockDecl *LD = P.tu().locks().guarding(VR->getDecl()->getName());
  if (!LD)
    return std::nullopt;
  const Decl *Held = heldLockNamed(P, LD->Name);
  if (!Held)
    return std::nullopt;
  return HeldDatum{{VR->getDecl(), R == VR ? nullptr : R}, VR, Held};
}

// A store to guarded data while its lock is held.
void LockDropRevalidateCheck::onBind(PathContext &P, SVal Loc, SVal Val,
                                     const Stmt *S) {
  if (P.tu().locks().empty())
    return;
  std::optional<HeldDatum> D = heldDatumAt(P, Loc);
  if (!D)
    return;
  const Decl *Held = D->Held;
  const VarRegion *VR = D->Var;
  // The datum was re-read under the lock since it was last taken: the store
  // relies on that read, not on older ones.
  ProgramStateRef St = P.state();
  ReadKey K = D->Key;
  const GuardedRead *Fresh = St->get<GuardedReads>(K);
  const unsigned *Ep = St->get<LockEpochs>(Held);
  if (Fresh && Ep && Fresh->Epoch == *Ep)
    return;
  llvm::SmallVector<SVal, 2> Vals{Val};
  if (const auto *ER = dyn_cast_or_null<ElementRegion>(Loc.getAsRegion()))
    Vals.push_back(ER->getIndex());
  std::string Name = VR->getDecl()->getNameAsString();
  checkStale(P, K, Held, Name, S, "a store to '" + Name + "'", Vals);
}

// A load of lock-guarded data while the lock is held is a read.
void LockDropRevalidateCheck::afterLoad(PathContext &P, const Expr *Load,
                                        SVal Loc, SVal Val) {
  if (std::optional<HeldDatum> D = heldDatumAt(P, Loc))
    P.setState(recordRead(P.state(), D->Key, D->Held, Load, Val));
}

// A branch on a value computed from a guarded read: the decision relies on
// the read.
void LockDropRevalidateCheck::onBranch(PathContext &P, const Stmt *Cond) {
  ProgramStateRef St = P.state();
  if (St->get<GuardedValues>().isEmpty())
    return;
  CheckerContext &C = P.checker();
  // The condition and its operands (their values are still live here).
  llvm::SmallVector<SymbolRef, 8> Syms;
  llvm::SmallVector<const Stmt *, 8> Work{Cond};
  for (unsigned Steps = 0; !Work.empty() && Steps < 16; ++Steps) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *E = dyn_cast<Expr>(S))
      symbolsOf(C.getSVal(E), Syms);
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  bool Changed = false;
  for (SymbolRef X : Syms)
    if (const ReadKey *K = St->get<GuardedValues>(X))
      if (const GuardedRead *R = St->get<GuardedReads>(*K))
        if (!R->BranchSite) {
          GuardedRead N = *R;
          N.BranchSite = Cond;
          St = St->set<GuardedReads>(*K, N);
          Changed = true;
        }
  if (Changed)
    P.setState(St);
}

} // namespace kmapcheck
