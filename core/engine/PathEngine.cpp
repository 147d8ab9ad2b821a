//===- PathEngine.cpp - The Static Analyzer engine, driven per function ---===//
#include "core/engine/PathEngine.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathDiagnosticConsumers.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <set>

using namespace clang;
using namespace clang::ento;

namespace {
/// One mapping on one path. Small and immutable, as ProgramState wants.
struct Mapping {
  kmapcheck::MapKind Kind;
  bool Released = false;
  bool Escaped = false;
  bool UseReported = false;
  const kmapcheck::ApiEntry *Entry = nullptr;
  const Expr *MapSite = nullptr;
  const Expr *UnmapSite = nullptr;
  const void *Page = nullptr;
  /// Creation order on this path, and (kmap() only) how many local
  /// mappings were live then: what its conversion to kmap_local_page()
  /// would have to keep in stack order.
  unsigned Seq = 0;
  unsigned LocalsBelow = 0;
  const Decl *Fn = nullptr; // the function that made it (fixed per MapSite)

  bool operator==(const Mapping &O) const {
    return Kind == O.Kind && Released == O.Released && Escaped == O.Escaped &&
           UseReported == O.UseReported && Entry == O.Entry &&
           MapSite == O.MapSite && UnmapSite == O.UnmapSite && Page == O.Page &&
           Seq == O.Seq && LocalsBelow == O.LocalsBelow;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(unsigned(Kind));
    ID.AddBoolean(Released);
    ID.AddBoolean(Escaped);
    ID.AddBoolean(UseReported);
    ID.AddPointer(Entry);
    ID.AddPointer(MapSite);
    ID.AddPointer(UnmapSite);
    ID.AddPointer(Page);
    ID.AddInteger(Seq);
    ID.AddInteger(LocalsBelow);
    ID.AddPointer(Fn);
  }
};

struct HeldLock {
  unsigned Count = 0;
  bool IrqOff = false;
  bool Sleeping = false;
  const Expr *Site = nullptr;
  const Decl *D = nullptr;     // the lock's field or variable
  const char *Named = nullptr; // a lock named by the model (mmap_lock)
  bool operator==(const HeldLock &O) const {
    return Count == O.Count && IrqOff == O.IrqOff && Site == O.Site &&
           D == O.D && Sleeping == O.Sleeping && Named == O.Named;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(Count);
    ID.AddBoolean(IrqOff);
    ID.AddBoolean(Sleeping);
    ID.AddPointer(Site);
    ID.AddPointer(D);
    ID.AddPointer(Named);
  }
};

/// The declaration naming a lock region: the field (s_fc_lock) or variable.
const Decl *lockDecl(const MemRegion *R) {
  if (const auto *FR = dyn_cast<FieldRegion>(R))
    return FR->getDecl();
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl();
  return nullptr;
}
} // namespace

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
using ReadKey = std::pair<const void *, const void *>;
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(Mappings, SymbolRef, Mapping)
REGISTER_MAP_WITH_PROGRAMSTATE(LockEpochs, const Decl *, unsigned)
REGISTER_MAP_WITH_PROGRAMSTATE(LockDrops, const Decl *, LockDrop)
REGISTER_MAP_WITH_PROGRAMSTATE(GuardedReads, ReadKey, GuardedRead)
REGISTER_MAP_WITH_PROGRAMSTATE(GuardedValues, SymbolRef, ReadKey)
REGISTER_LIST_WITH_PROGRAMSTATE(LocalStack, SymbolRef)
REGISTER_MAP_WITH_PROGRAMSTATE(HeldLocks, const void *, HeldLock)
// IS_ERR() outcomes by pointer (region or symbol): the same pointer tests
// the same on a path (the analyzer does not relate the pointer-to-integer
// comparisons of two inlined IS_ERR() bodies).
REGISTER_MAP_WITH_PROGRAMSTATE(ErrPointers, const void *, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(PagefaultDepth, int)
REGISTER_TRAIT_WITH_PROGRAMSTATE(PreemptDepth, int)
REGISTER_TRAIT_WITH_PROGRAMSTATE(IrqOffDepth, int)
// A pagefault/preempt effect came from inside a user macro (per-CPU lock
// wrappers): the balance of this path is not judged.
REGISTER_TRAIT_WITH_PROGRAMSTATE(BalanceIndirect, bool)

namespace kmapcheck {

namespace {

/// The held lock that rules/locks/ names \p Name (its field or variable
/// declaration), or null.
const Decl *heldLockNamed(ProgramStateRef St, llvm::StringRef Name) {
  for (auto &KV : St->get<HeldLocks>())
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(KV.second.D))
      if (ND->getName() == Name)
        return KV.second.D;
  return nullptr;
}

/// The symbol a pointer value is based on (a + off, (char *)a).
SymbolRef baseSymbol(SVal V) {
  if (const MemRegion *R = V.getAsRegion()) {
    R = R->getBaseRegion();
    if (const auto *SR = dyn_cast<SymbolicRegion>(R))
      return SR->getSymbol();
    return nullptr;
  }
  return V.getAsSymbol();
}

/// A key for "the same page": its region or symbol.
const void *pageKey(SVal V) {
  if (const MemRegion *R = V.getAsRegion())
    return R->StripCasts();
  if (SymbolRef S = V.getAsSymbol())
    return S;
  return nullptr;
}

class KmapEngineChecker;

} // namespace

class PathEngine {
public:
  PathEngine(TUContext &Ctx, const std::vector<PathCheck *> &Checks)
      : Ctx(Ctx), Checks(Checks) {}

  TUContext &Ctx;
  const std::vector<PathCheck *> &Checks;
  const FunctionDecl *Top = nullptr;
  llvm::DenseMap<const CallExpr *, std::optional<ApiCall>> CallCache;

  bool calledInTU(const FunctionDecl *FD) {
    return Ctx.index().CalledInTU.count(FD->getCanonicalDecl());
  }

  /// Does \p FD, or a function of this TU it calls, have effect \p Ef?
  bool reachesEffect(const FunctionDecl *FD, Effect Ef,
                     bool DirectOnly = false);
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> EffectMemo;
  llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>>
      CalleeMemo;
  const std::vector<const FunctionDecl *> &calleesOf(const FunctionDecl *FD);

  const std::optional<ApiCall> &resolve(const CallExpr *CE) {
    static const std::optional<ApiCall> None;
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() ||
        !Ctx.api().isModeled(Callee->getName()))
      return None; // the common case, not worth a cache entry
    auto It = CallCache.find(CE);
    if (It != CallCache.end())
      return It->second;
    return CallCache[CE] = resolveApiCall(CE, Ctx.api(), Ctx.ast());
  }

  /// The declared lock guarding variable/field \p Name, or null.
  const LockDecl *guardOf(llvm::StringRef Name) {
    for (const LockDecl &L : Ctx.locks())
      for (const std::string &V : L.GuardedVariables)
        if (V == Name)
          return &L;
    for (const LockDecl &L : Ctx.locks())
      for (const std::string &V : L.GuardedFields)
        if (V == Name)
          return &L;
    return nullptr;
  }
  /// The declared lock whose accessor (read or write) is \p Fn; \p IsWrite
  /// says which, \p Read is the read accessor's name.
  const LockDecl *accessorOf(llvm::StringRef Fn, bool &IsWrite,
                             std::string &Read) {
    for (const LockDecl &L : Ctx.locks())
      for (const auto &A : L.Accessors) {
        if (A.first == Fn || A.second == Fn) {
          IsWrite = A.second == Fn;
          Read = A.first;
          return &L;
        }
      }
    return nullptr;
  }
  llvm::DenseMap<const NamedDecl *, SourceLocation> IrqOffSites;
  llvm::StringMap<char> LockNames;
  llvm::StringMap<const VarDecl *> GuardedGlobals;
  const char *internLockName(llvm::StringRef Name) {
    return LockNames.try_emplace(Name, 0).first->getKeyData();
  }

  MappingView view(SymbolRef S, const Mapping &M) {
    MappingView V;
    V.Id = S;
    V.Kind = M.Kind;
    V.Entry = M.Entry;
    V.MapSite = M.MapSite;
    V.Released = M.Released;
    V.Escaped = M.Escaped;
    V.UnmapSite = M.UnmapSite;
    V.Page = M.Page;
    V.Name = nameOfMapSite(M.MapSite);
    return V;
  }

  /// The variable the map's result went to ('p'), else the call's text.
  std::string nameOfMapSite(const Expr *Site) {
    if (!Site)
      return "?";
    DynTypedNode N = DynTypedNode::create(*Site);
    for (int Depth = 0; Depth < 6; ++Depth) {
      auto Ps = Ctx.ast().getParents(N);
      if (Ps.empty())
        break;
      DynTypedNode P = Ps[0];
      if (const auto *VD = P.get<VarDecl>())
        return VD->getNameAsString();
      if (const auto *BO = P.get<BinaryOperator>()) {
        if (BO->isAssignmentOp()) {
          CharSourceRange R = Lexer::makeFileCharRange(
              CharSourceRange::getTokenRange(BO->getLHS()->getSourceRange()),
              Ctx.sm(), Ctx.langOpts());
          if (R.isValid())
            return Lexer::getSourceText(R, Ctx.sm(), Ctx.langOpts()).str();
        }
        if (BO->isAdditiveOp()) {
          N = P;
          continue;
        }
        break;
      }
      if (P.get<ImplicitCastExpr>() || P.get<CStyleCastExpr>() ||
          P.get<ParenExpr>()) {
        N = P;
        continue;
      }
      break;
    }
    if (const auto *CE = dyn_cast<CallExpr>(Site))
      if (const auto &AC = resolve(CE))
        return AC->Spelled + "()";
    return "mapping";
  }

  void report(CheckerContext &C, const Check &Ch, SourceLocation Loc,
              std::string Message, std::vector<FindingNote> Notes,
              std::vector<Replacement> Fixes);

  std::string exprText(const Expr *E) {
    if (!E)
      return "";
    CharSourceRange R = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(E->getSourceRange()), Ctx.sm(),
        Ctx.langOpts());
    return R.isValid() ? Lexer::getSourceText(R, Ctx.sm(), Ctx.langOpts()).str()
                       : "...";
  }
};

namespace {

class KmapEngineChecker
    : public Checker<eval::Call, check::Bind, check::Location,
                     check::EndFunction, check::PostCall,
                     check::PostStmt<BinaryOperator>, check::PostStmt<CastExpr>,
                     check::BranchCondition> {
public:
  PathEngine *E = nullptr;

  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostStmt(const BinaryOperator *BO, CheckerContext &C) const;
  void checkPostStmt(const CastExpr *CE, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;

private:
  ProgramStateRef recordRead(ProgramStateRef St, ReadKey K, const Decl *Lock,
                             const Expr *Site, SVal Value) const;
  void checkStale(ProgramStateRef St, ReadKey K, const Decl *Lock,
                  const std::string &What, const Stmt *UseSite,
                  const std::string &Use, llvm::ArrayRef<SVal> Values,
                  CheckerContext &C) const;
  ProgramStateRef applyEffect(ProgramStateRef St, Effect Ef, const ApiCall &AC,
                              CheckerContext &C) const;
  /// \p V (a mapping's address) leaves the function: stored at \p Site
  /// (or returned).
  ProgramStateRef markEscaped(ProgramStateRef St, SVal V, const Stmt *Site,
                              CheckerContext &C) const;
  /// IS_ERR(p), IS_ERR_OR_NULL(p): split on the outcome once per pointer.
  bool evalErrorPointerTest(const ApiEntry &Ent, const CallEvent &Call,
                            CheckerContext &C) const;
  /// At the kunmap() of kmap() mapping \p G: would kmap_local_page() in its
  /// place be released out of stack order on this path?
  void recordConversionOrder(ProgramStateRef St, const Mapping &G,
                             const CallExpr *Unmap) const;
};

/// A value loop widening conjured (its statement is a loop condition).
static bool widenedAddress(SymbolRef S, CheckerContext &C) {
  const auto *SC = dyn_cast_or_null<SymbolConjured>(S);
  if (!SC || !SC->getStmt())
    return false;
  const Stmt *Parent =
      C.getLocationContext()->getParentMap().getParent(SC->getStmt());
  if (const auto *F = dyn_cast_or_null<ForStmt>(Parent))
    return F->getCond() == SC->getStmt();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(Parent))
    return W->getCond() == SC->getStmt();
  if (const auto *D = dyn_cast_or_null<DoStmt>(Parent))
    return D->getCond() == SC->getStmt();
  return false;
}

bool KmapEngineChecker::evalErrorPointerTest(const ApiEntry &Ent,
                                             const CallEvent &Call,
                                             CheckerContext &C) const {
  const auto *CE = cast<CallExpr>(Call.getOriginExpr());
  if (Call.getNumArgs() != 1)
    return false;
  ProgramStateRef St = C.getState();
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

/// How many elements an immutable map or list of the state holds.
template <class Range> static unsigned sizeOf(const Range &R) {
  unsigned N = 0;
  for (auto It = R.begin(), End = R.end(); It != End; ++It)
    ++N;
  return N;
}

void KmapEngineChecker::recordConversionOrder(ProgramStateRef St,
                                              const Mapping &G,
                                              const CallExpr *Unmap) const {
  const auto *MapCall = dyn_cast_or_null<CallExpr>(G.MapSite);
  if (!MapCall)
    return;
  auto &Facts = E->Ctx.conversionOrderFacts();
  if (Facts.count(MapCall))
    return; // the first path found is the one shown
  ConversionOrderFact F;
  F.Unmap = Unmap;
  // A mapping made after G and still live would be released after it.
  unsigned Newest = 0;
  for (auto &KV : St->get<Mappings>())
    if (!KV.second.Released && KV.second.Seq > G.Seq &&
        KV.second.MapSite != G.MapSite && KV.second.Seq >= Newest) {
      Newest = KV.second.Seq;
      F.Other = KV.second.MapSite;
    }
  if (!F.Other) {
    // A local mapping live when G was made and released before it.
    if (sizeOf(St->get<LocalStack>()) >= G.LocalsBelow)
      return;
    unsigned Best = 0;
    for (auto &KV : St->get<Mappings>())
      if (KV.second.Released && KV.second.Kind != MapKind::Global &&
          KV.second.Seq < G.Seq && KV.second.Seq >= Best) {
        Best = KV.second.Seq;
        F.Other = KV.second.MapSite;
      }
    F.OtherReleasedFirst = true;
    if (!F.Other)
      return;
  }
  Facts[MapCall] = F;
}

ProgramStateRef KmapEngineChecker::markEscaped(ProgramStateRef St, SVal V,
                                               const Stmt *Site,
                                               CheckerContext &C) const {
  SymbolRef S = baseSymbol(V);
  if (!S)
    return St;
  if (const Mapping *M = St->get<Mappings>(S)) {
    // For kmap-deprecated-api: a kmap() address that leaves the function is
    // no candidate for kmap_local_page(), wherever the store is.
    if (M->Kind == MapKind::Global && !M->Released && M->Fn)
      if (const auto *MapCall = dyn_cast_or_null<CallExpr>(M->MapSite)) {
        auto &Facts = E->Ctx.conversionEscapeFacts();
        if (!Facts.count(MapCall)) {
          ConversionEscapeFact F;
          F.Store = Site;
          const StackFrameContext *SF = C.getStackFrame();
          if (SF->getDecl() != M->Fn) {
            F.Callee = dyn_cast<FunctionDecl>(SF->getDecl());
            while (SF->getParent() &&
                   SF->getParent()->getStackFrame()->getDecl() != M->Fn)
              SF = SF->getParent()->getStackFrame();
            F.CallSite = dyn_cast_or_null<Expr>(SF->getCallSite());
          }
          Facts[MapCall] = F;
        }
      }
    Mapping N = *M;
    N.Escaped = true;
    St = St->set<Mappings>(S, N);
    // An iterator keeps a kmap_atomic() mapping in a struct across calls
    // (crypto_hash_walk, sg_miter, skb_seq_read): its implicit disables
    // leave with it.
    if (M->Kind == MapKind::Atomic)
      St = St->set<BalanceIndirect>(true);
  }
  return St;
}

ProgramStateRef KmapEngineChecker::applyEffect(ProgramStateRef St, Effect Ef,
                                               const ApiCall &AC,
                                               CheckerContext &C) const {
  auto Bump = [&](auto Trait, int Delta, Effect Which) -> ProgramStateRef {
    int D = St->get<decltype(Trait)>();
    if (Delta < 0 && D <= 0) {
      PathContext P(*E, C, St.get());
      for (PathCheck *PC : E->Checks)
        PC->onUnderflow(P, AC, Which);
      return St->set<decltype(Trait)>(D + Delta);
    }
    return St->set<decltype(Trait)>(D + Delta);
  };
  switch (Ef) {
  case Effect::PagefaultDisable:
    return Bump(PagefaultDepth(), +1, Ef);
  case Effect::PagefaultEnable:
    return Bump(PagefaultDepth(), -1, Ef);
  case Effect::PreemptDisable:
    return Bump(PreemptDepth(), +1, Ef);
  case Effect::PreemptEnable:
    return Bump(PreemptDepth(), -1, Ef);
  case Effect::IrqDisable:
  case Effect::IrqSave:
    return St->set<IrqOffDepth>(St->get<IrqOffDepth>() + 1);
  case Effect::IrqEnable:
  case Effect::IrqRestore:
    return St->set<IrqOffDepth>(std::max(0, St->get<IrqOffDepth>() - 1));
  }
  return St;
}

bool KmapEngineChecker::evalCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return false;
  const std::optional<ApiCall> &ACOpt = E->resolve(CE);
  if (!ACOpt)
    return false;
  const ApiCall &AC = *ACOpt;
  const ApiEntry &Ent = *AC.Entry;
  ProgramStateRef St = C.getState();
  const LocationContext *LC = C.getLocationContext();
  SValBuilder &SVB = C.getSValBuilder();

  {
    PathContext P(*E, C);
    for (PathCheck *PC : E->Checks)
      PC->beforeCall(P, AC, Call);
  }
  if (Ent.ErrTest != ErrorPointerTest::None)
    return evalErrorPointerTest(Ent, Call, C);

  // The return value: a fresh symbol (a mapping's address for a map).
  SVal Ret = UnknownVal();
  QualType RT = CE->getType();
  if (!RT->isVoidType()) {
    Ret = SVB.conjureSymbolVal(nullptr, CE, LC, RT, C.blockCount());
    St = St->BindExpr(CE, LC, Ret);
  }

  // Guarded data read and written through accessors (page_address()).
  {
    bool IsWrite = false;
    std::string Read;
    if (const LockDecl *LD = E->accessorOf(AC.Spelled, IsWrite, Read)) {
      const Decl *Held = heldLockNamed(St, LD->Name);
      if (Held && Call.getNumArgs() > 0) {
        ReadKey K{E->Ctx.api().lookupName(Read), pageKey(Call.getArgSVal(0))};
        std::string What = Read + "(" + E->exprText(Call.getArgExpr(0)) + ")";
        if (IsWrite) {
          llvm::SmallVector<SVal, 2> Vals;
          for (unsigned I = 1; I < Call.getNumArgs(); ++I)
            Vals.push_back(Call.getArgSVal(I));
          checkStale(St, K, Held, What, CE, "'" + AC.Spelled + "'", Vals, C);
          St = recordRead(St, K, Held, CE, UnknownVal());
        } else {
          St = recordRead(St, K, Held, CE, Ret);
        }
      }
    }
  }

  if (Ent.Unmap) {
    UnmapTarget T;
    if (Ent.Unmap->Arg < Call.getNumArgs()) {
      SVal A = Call.getArgSVal(Ent.Unmap->Arg);
      if (Ent.Unmap->ArgIsAddress) {
        if (SymbolRef S = baseSymbol(A))
          if (const Mapping *M = St->get<Mappings>(S))
            T.Mapping = E->view(S, *M);
        if (const MemRegion *R = A.getAsRegion()) {
          RegionOffset RO = R->getAsOffset();
          if (!RO.hasSymbolicOffset() && RO.getRegion()) {
            T.OffsetKnown = true;
            T.Offset = RO.getOffset() / 8;
          }
          const MemRegion *B = R->getBaseRegion();
          if (isa<VarRegion, FieldRegion>(B) && !isa<SymbolicRegion>(B))
            T.ArgIsLocalObject = true;
        }
        const Expr *ArgE = Call.getArgExpr(Ent.Unmap->Arg);
        if (ArgE) {
          QualType AT = ArgE->IgnoreParenImpCasts()->getType();
          if (AT->isPointerType())
            if (const auto *RD = AT->getPointeeType()->getAsRecordDecl())
              T.ArgIsPagePointer = RD->getName() == "page";
        }
        if (!T.Mapping) {
          if (SymbolRef S = baseSymbol(A))
            for (auto &KV : St->get<Mappings>())
              if (KV.second.Page == S) {
                // The page of a mapping given where the address belongs.
                T.ArgIsPagePointer = true;
                T.Page = S;
              }
        }
      } else {
        T.Page = pageKey(A);
        for (auto &KV : St->get<Mappings>())
          if (KV.second.Page && KV.second.Page == T.Page &&
              !KV.second.Released) {
            if (!T.Mapping || KV.second.Kind == MapKind::Global)
              T.Mapping = E->view(KV.first, KV.second);
          }
        // kunmap(addr): the argument is an address of a mapping.
        if (!T.Mapping)
          if (SymbolRef S = baseSymbol(A))
            if (const Mapping *M = St->get<Mappings>(S)) {
              T.Mapping = E->view(S, *M);
              T.ArgIsLocalObject = false;
              T.OffsetKnown = false;
              T.Page = nullptr;
            }
      }
    }
    // kunmap(page) of a page variable invalidated by loop widening: the one
    // live kmap() mapping, if there is exactly one.
    if (!T.Mapping && !Ent.Unmap->ArgIsAddress &&
        Ent.Unmap->Arg < Call.getNumArgs() &&
        widenedAddress(baseSymbol(Call.getArgSVal(Ent.Unmap->Arg)), C)) {
      std::optional<MappingView> Only;
      unsigned N = 0;
      for (auto &KV : St->get<Mappings>())
        if (KV.second.Kind == MapKind::Global && !KV.second.Released) {
          Only = E->view(KV.first, KV.second);
          ++N;
        }
      if (N == 1) {
        T.Mapping = Only;
        T.Widened = true;
      }
    }
    // An address variable invalidated by loop widening: the unmap releases
    // the most recent live local mapping (stack order) rather than none.
    if (!T.Mapping && Ent.Unmap->ArgIsAddress &&
        Ent.Unmap->Kind != MapKind::Global &&
        Ent.Unmap->Arg < Call.getNumArgs())
      if (widenedAddress(baseSymbol(Call.getArgSVal(Ent.Unmap->Arg)), C))
        for (SymbolRef X : St->get<LocalStack>())
          if (const Mapping *M = St->get<Mappings>(X)) {
            T.Mapping = E->view(X, *M);
            T.Widened = true;
            break;
          }
    {
      PathContext P(*E, C, St.get());
      for (PathCheck *PC : E->Checks)
        PC->beforeUnmap(P, AC, T);
    }
    // Release the mapping and pop it from the local stack.
    // kunmap(page) does not touch a local mapping of the page.
    bool Releases = !(Ent.Unmap->Kind == MapKind::Global && T.Mapping &&
                      T.Mapping->Kind != MapKind::Global);
    if (T.Mapping && !T.Mapping->Released && Releases) {
      SymbolRef S = static_cast<SymbolRef>(T.Mapping->Id);
      if (const Mapping *M = St->get<Mappings>(S)) {
        if (M->Kind == MapKind::Global)
          recordConversionOrder(St, *M, CE);
        Mapping N = *M;
        N.Released = true;
        N.UnmapSite = CE;
        St = St->set<Mappings>(S, N);
        if (M->Kind != MapKind::Global) {
          auto &F = St->get_context<LocalStack>();
          llvm::ImmutableList<SymbolRef> Old = St->get<LocalStack>();
          llvm::SmallVector<SymbolRef, 8> Keep;
          for (SymbolRef X : Old)
            if (X != S)
              Keep.push_back(X);
          llvm::ImmutableList<SymbolRef> New = F.getEmptyList();
          for (SymbolRef X : llvm::reverse(Keep))
            New = F.add(X, New);
          St = St->set<LocalStack>(New);
        }
      }
    }
  }

  // An unmap of a mapping this path did not create (loaded from a struct):
  // its implicit enables match a disable made elsewhere.
  bool UnknownUnmap = false;
  if (Ent.Unmap && Ent.Unmap->Arg < Call.getNumArgs() &&
      Ent.Unmap->ArgIsAddress) {
    SymbolRef S = baseSymbol(Call.getArgSVal(Ent.Unmap->Arg));
    UnknownUnmap = !S || !C.getState()->get<Mappings>(S);
  }
  for (Effect Ef : Ent.Effects) {
    if (UnknownUnmap)
      St = St->set<BalanceIndirect>(true);
    if (!AC.Fixable && Ef != Effect::IrqDisable && Ef != Effect::IrqEnable &&
        Ef != Effect::IrqSave && Ef != Effect::IrqRestore)
      St = St->set<BalanceIndirect>(true);
    St = applyEffect(St, Ef, AC, C);
  }

  if (Ent.Lock &&
      (Ent.Lock->Arg < 0 || unsigned(Ent.Lock->Arg) < Call.getNumArgs())) {
    const void *L = nullptr;
    const MemRegion *LR = nullptr;
    const char *Named = nullptr;
    if (Ent.Lock->Arg < 0) {
      // A lock the model names (mmap_lock): one per name.
      Named = E->internLockName(Ent.Lock->Lock);
      L = Named;
    } else if ((LR = Call.getArgSVal(Ent.Lock->Arg).getAsRegion())) {
      LR = LR->StripCasts();
      // spin_lock(&l) and _raw_spin_lock(&l->rlock) name the same lock.
      if (const auto *FR = dyn_cast<FieldRegion>(LR))
        if (FR->getDecl()->getName() == "rlock")
          LR = FR->getSuperRegion();
      L = LR;
    }
    if (L) {
      const HeldLock *H = St->get<HeldLocks>(L);
      // The same lock reached through another expression
      // (&sbi->s_fc_lock, &EXT4_SB(sb)->s_fc_lock): match by its field.
      if (!H && Ent.Lock->Action == LockAction::Release)
        if (const Decl *D = LR ? lockDecl(LR) : nullptr)
          for (auto &KV : St->get<HeldLocks>())
            if (KV.second.D == D) {
              L = KV.first;
              H = &KV.second;
            }
      bool IrqOff =
          Ent.Lock->Irq == LockIrq::Disable || Ent.Lock->Irq == LockIrq::Save;
      if (Ent.Lock->Action == LockAction::Acquire) {
        HeldLock N = H ? *H : HeldLock();
        N.Count++;
        N.IrqOff = IrqOff;
        N.Site = CE;
        N.D = LR ? lockDecl(LR) : nullptr;
        N.Sleeping = Ent.Lock->Sleeping;
        N.Named = Named;
        St = St->set<HeldLocks>(L, N);
        if (N.D) {
          const unsigned *Ep = St->get<LockEpochs>(N.D);
          St = St->set<LockEpochs>(N.D, (Ep ? *Ep : 0) + 1);
          if (const LockDrop *Dr = St->get<LockDrops>(N.D))
            if (!Dr->Reacquire) {
              LockDrop X = *Dr;
              X.Reacquire = CE;
              St = St->set<LockDrops>(N.D, X);
              // While the lock was dropped other tasks may have changed
              // what it guards: forget the values of the guarded globals.
              llvm::SmallVector<const MemRegion *, 4> Guarded;
              if (const auto *ND = dyn_cast<NamedDecl>(N.D))
                for (const LockDecl &LD : E->Ctx.locks())
                  if (LD.Name == ND->getName())
                    for (const std::string &V : LD.GuardedVariables)
                      if (const VarDecl *VD = E->GuardedGlobals.lookup(V))
                        Guarded.push_back(
                            C.getStoreManager().getRegionManager().getVarRegion(
                                VD, LC));
              if (!Guarded.empty())
                St = St->invalidateRegions(Guarded, CE, C.blockCount(), LC,
                                           /*CausesPointerEscape=*/false);
            }
        }
        if (IrqOff)
          St = St->set<IrqOffDepth>(St->get<IrqOffDepth>() + 1);
      } else {
        if (H && H->D) {
          LockDrop Dr;
          Dr.Release = CE;
          Dr.ReleaseLC = LC;
          St = St->set<LockDrops>(H->D, Dr);
        }
        if (H && H->Count > 1) {
          HeldLock N = *H;
          N.Count--;
          St = St->set<HeldLocks>(L, N);
        } else {
          St = St->remove<HeldLocks>(L);
        }
        if (Ent.Lock->Irq == LockIrq::Enable ||
            Ent.Lock->Irq == LockIrq::Restore)
          St = St->set<IrqOffDepth>(std::max(0, St->get<IrqOffDepth>() - 1));
      }
    }
  }

  if (Ent.Map) {
    SymbolRef S = Ret.getAsSymbol();
    if (S) {
      Mapping M;
      M.Kind = Ent.Map->Kind;
      M.Entry = &Ent;
      M.MapSite = CE;
      M.Fn = LC->getStackFrame()->getDecl();
      if (Ent.Map->PageArg >= 0 &&
          unsigned(Ent.Map->PageArg) < Call.getNumArgs())
        M.Page = pageKey(Call.getArgSVal(Ent.Map->PageArg));
      M.Seq = sizeOf(St->get<Mappings>()) + 1;
      // The page is dereferenced by the map: not NULL from here on.
      if (Ent.Map->PageArg >= 0 &&
          unsigned(Ent.Map->PageArg) < Call.getNumArgs())
        if (auto PV =
                Call.getArgSVal(Ent.Map->PageArg).getAs<DefinedOrUnknownSVal>())
          if (Call.getArgExpr(Ent.Map->PageArg)->getType()->isPointerType())
            if (ProgramStateRef NonNull = St->assume(*PV, true))
              St = NonNull;
      if (M.Kind == MapKind::Global)
        M.LocalsBelow = sizeOf(St->get<LocalStack>());
      St = St->set<Mappings>(S, M);
      if (M.Kind != MapKind::Global)
        St = St->add<LocalStack>(S);
      // A map never returns NULL.
      if (auto DV = Ret.getAs<DefinedOrUnknownSVal>())
        if (ProgramStateRef NonNull = St->assume(*DV, true))
          St = NonNull;
      // Checks see the state with the mapping in place.
      PathContext P(*E, C, St.get());
      for (PathCheck *PC : E->Checks)
        PC->afterMap(P, AC, E->view(S, M));
      C.addTransition(St);
      return true;
    }
  }
  C.addTransition(St);
  return true;
}

void KmapEngineChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                  CheckerContext &C) const {
  if (!E->Ctx.locks().empty())
    if (const MemRegion *R = Loc.getAsRegion())
      if (const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion()))
        if (const LockDecl *LD = E->guardOf(VR->getDecl()->getName())) {
          ProgramStateRef St = C.getState();
          if (const Decl *Held = heldLockNamed(St, LD->Name)) {
            // The datum was re-read under the lock since it was last taken:
            // the store relies on that read, not on older ones.
            ReadKey K{VR->getDecl(), R == VR ? nullptr : R};
            const GuardedRead *Fresh = St->get<GuardedReads>(K);
            const unsigned *Ep = St->get<LockEpochs>(Held);
            if (!Fresh || !Ep || Fresh->Epoch != *Ep) {
              llvm::SmallVector<SVal, 2> Vals{Val};
              if (const auto *ER = dyn_cast<ElementRegion>(R))
                Vals.push_back(ER->getIndex());
              checkStale(St, K, Held, VR->getDecl()->getNameAsString(), S,
                         "a store to '" + VR->getDecl()->getNameAsString() +
                             "'",
                         Vals, C);
            }
          }
        }
  SymbolRef Sym = baseSymbol(Val);
  if (Sym && !C.getState()->get<Mappings>(Sym)) {
    // An address combined with flags in an integer ('flags | (unsigned
    // long)vaddr', i915's reloc cache): the expression holds the mapping.
    Sym = nullptr;
    if (SymbolRef X = Val.getAsSymbol())
      for (SymbolRef Sub : X->symbols())
        if (C.getState()->get<Mappings>(Sub)) {
          Sym = Sub;
          Val = C.getSValBuilder().makeSymbolVal(Sub);
          break;
        }
  }
  if (!Sym)
    return;
  // Stored to a local variable: still the function's own. Anywhere else
  // (global, heap, through a pointer) it outlives the call.
  const MemRegion *R = Loc.getAsRegion();
  if (R) {
    const MemRegion *B = R->getBaseRegion();
    if (const auto *VR = dyn_cast<VarRegion>(B))
      if (isa<StackLocalsSpaceRegion>(VR->getMemorySpace()))
        return;
  }
  C.addTransition(markEscaped(C.getState(), Val, S, C));
}

void KmapEngineChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                      CheckerContext &C) const {
  SymbolRef Sym = baseSymbol(Loc);
  if (!Sym)
    return;
  ProgramStateRef St = C.getState();
  const Mapping *M = St->get<Mappings>(Sym);
  if (!M || !M->Released || M->UseReported)
    return;
  {
    PathContext P(*E, C);
    for (PathCheck *PC : E->Checks)
      PC->onAccessAfterUnmap(P, E->view(Sym, *M), S);
  }
  Mapping N = *M;
  N.UseReported = true;
  C.addTransition(St->set<Mappings>(Sym, N));
}

ProgramStateRef KmapEngineChecker::recordRead(ProgramStateRef St, ReadKey K,
                                              const Decl *Lock,
                                              const Expr *Site,
                                              SVal Value) const {
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

/// Guarded data \p K is written (or values derived from reads are used):
/// report when what the path relies on was read before the last drop.
void KmapEngineChecker::checkStale(ProgramStateRef St, ReadKey K,
                                   const Decl *Lock, const std::string &What,
                                   const Stmt *UseSite, const std::string &Use,
                                   llvm::ArrayRef<SVal> Values,
                                   CheckerContext &C) const {
  const unsigned *Ep = St->get<LockEpochs>(Lock);
  unsigned Now = Ep ? *Ep : 0;
  const LockDrop *Dr = St->get<LockDrops>(Lock);
  if (!Dr || !Dr->Reacquire)
    return;
  auto Emit = [&](const GuardedRead &R, const std::string &W) {
    StaleGuardedUse U;
    if (const auto *ND = dyn_cast<NamedDecl>(Lock))
      U.Lock = ND->getNameAsString();
    U.What = W;
    U.ReadSite = R.Site;
    U.BranchSite = R.BranchSite;
    U.ReleaseSite = Dr->Release;
    U.ReacquireSite = Dr->Reacquire;
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
    U.DropChain = Chain;
    U.UseSite = UseSite;
    U.Use = Use;
    PathContext P(*E, C, St.get());
    for (PathCheck *PC : E->Checks)
      PC->onStaleGuardedUse(P, U);
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
            Emit(*R, E->exprText(R->Site));
            return;
          }
  }
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

void KmapEngineChecker::checkBranchCondition(const Stmt *Cond,
                                             CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  if (St->get<GuardedValues>().isEmpty())
    return;
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
    C.addTransition(St);
}

/// A call that does not return (BUG(), panic()) ends the path: the CFG links
/// it to the exit block, which must not look like a return.
void KmapEngineChecker::checkPostCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  if (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>() ||
      FD->getBuiltinID() == Builtin::BI__builtin_unreachable ||
      FD->getBuiltinID() == Builtin::BI__builtin_trap)
    C.generateSink(C.getState(), C.getPredecessor());
}

/// void * arithmetic on a mapping's address (kmap_atomic(page) + offset, a
/// GNU extension the kernel uses) keeps pointing into the mapping.
void KmapEngineChecker::checkPostStmt(const BinaryOperator *BO,
                                      CheckerContext &C) const {
  // An address as an integer, masked or offset by a constant
  // ((unsigned long)virt & PAGE_MASK, as drivers/acpi/osl.c stores it): the
  // analyzer gives up on bit operations on pointers-as-integers; the result
  // is still an address inside the same mapping.
  if ((BO->isAdditiveOp() || BO->isBitwiseOp()) &&
      BO->getType()->isIntegerType() && C.getSVal(BO).isUnknown()) {
    for (const Expr *Side : {BO->getLHS(), BO->getRHS()}) {
      auto LI = C.getSVal(Side).getAs<nonloc::LocAsInteger>();
      if (!LI)
        continue;
      SymbolRef S = baseSymbol(LI->getLoc());
      if (!S || !C.getState()->get<Mappings>(S))
        continue;
      C.addTransition(C.getState()->BindExpr(BO, C.getLocationContext(), *LI));
      return;
    }
  }
  if (!BO->isAdditiveOp() || !BO->getType()->isVoidPointerType())
    return;
  ProgramStateRef St = C.getState();
  const LocationContext *LC = C.getLocationContext();
  if (!C.getSVal(BO).isUnknown())
    return;
  const Expr *PtrE = BO->getLHS(), *IntE = BO->getRHS();
  if (!PtrE->getType()->isPointerType())
    std::swap(PtrE, IntE);
  SVal Ptr = C.getSVal(PtrE), Off = C.getSVal(IntE);
  SymbolRef S = baseSymbol(Ptr);
  if (!S || !St->get<Mappings>(S))
    return;
  auto L = Ptr.getAs<Loc>();
  auto N = Off.getAs<NonLoc>();
  if (!L || !N)
    return;
  ASTContext &Ctx = C.getASTContext();
  SVal R = C.getSValBuilder().evalBinOpLN(St, BO->getOpcode(), *L, *N,
                                          Ctx.getPointerType(Ctx.CharTy));
  C.addTransition(St->BindExpr(BO, LC, R));
}

/// A pointer cast of an address inside a mapping is the same address; the
/// engine may lose it (symbolic offsets), and then the mapping with it.
void KmapEngineChecker::checkPostStmt(const CastExpr *CE,
                                      CheckerContext &C) const {
  if (CE->getCastKind() == CK_LValueToRValue && !E->Ctx.locks().empty()) {
    // A load of lock-guarded data while the lock is held is a read.
    if (const MemRegion *R = C.getSVal(CE->getSubExpr()).getAsRegion())
      if (const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion()))
        if (const LockDecl *LD = E->guardOf(VR->getDecl()->getName())) {
          ProgramStateRef St = C.getState();
          if (const Decl *Held = heldLockNamed(St, LD->Name)) {
            // An array element is its own datum: pkmap_count[i].
            ReadKey K{VR->getDecl(), R == VR ? nullptr : R};
            C.addTransition(recordRead(St, K, Held, CE, C.getSVal(CE)));
            return;
          }
        }
    return;
  }
  if (!CE->getType()->isPointerType() ||
      !CE->getSubExpr()->getType()->isPointerType())
    return;
  if (!C.getSVal(CE).isUnknown())
    return;
  SVal Sub = C.getSVal(CE->getSubExpr());
  SymbolRef S = baseSymbol(Sub);
  if (!S || !C.getState()->get<Mappings>(S))
    return;
  C.addTransition(C.getState()->BindExpr(CE, C.getLocationContext(), Sub));
}

void KmapEngineChecker::checkEndFunction(const ReturnStmt *RS,
                                         CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef St = C.getState();
  if (RS && RS->getRetValue()) {
    SVal V = C.getSVal(RS->getRetValue());
    St = markEscaped(St, V, RS, C);
  }
  PathContext P(*E, C, St.get());
  for (PathCheck *PC : E->Checks)
    PC->atTopFunctionEnd(P, RS);
}

/// The variable or field a lock argument names: &kmap_lock, &zone->lock.
const NamedDecl *lockArgDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  // _raw_spin_lock(&lock->rlock): the lock is the outer member.
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (ME->getMemberDecl()->getName() == "rlock") {
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

/// Functions that call a modeled API, directly or through TU-local callees.
class Reach : public RecursiveASTVisitor<Reach> {
public:
  Reach(PathEngine &E) : E(E) {}
  bool reaches(const FunctionDecl *FD) {
    FD = FD->getDefinition();
    if (!FD || !FD->hasBody())
      return false;
    auto It = Memo.find(FD);
    if (It != Memo.end())
      return It->second;
    Memo[FD] = false;
    Found = false;
    Callees.clear();
    TraverseStmt(FD->getBody());
    bool R = Found;
    auto MyCallees = Callees;
    if (!R)
      for (const FunctionDecl *C : MyCallees)
        if (reaches(C)) {
          R = true;
          break;
        }
    Memo[FD] = R;
    return R;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto &AC = E.resolve(CE)) {
      // Maps, unmaps, page-fault and preemption effects make a function
      // worth a path-sensitive analysis; a lone lock or sleep does not.
      const ApiEntry &Ent = *AC->Entry;
      if (Ent.Map || Ent.Unmap || Ent.hasEffect(Effect::PagefaultDisable) ||
          Ent.hasEffect(Effect::PagefaultEnable) ||
          Ent.hasEffect(Effect::PreemptDisable) ||
          Ent.hasEffect(Effect::PreemptEnable) || Ent.WaitsForIpi)
        Found = true;
      // A declared lock (rules/locks/) or its guarded data's accessors.
      if (Ent.Lock && Ent.Lock->Arg >= 0 &&
          unsigned(Ent.Lock->Arg) < CE->getNumArgs())
        if (const NamedDecl *D = lockArgDecl(CE->getArg(Ent.Lock->Arg)))
          for (const LockDecl &L : E.Ctx.locks())
            if (L.Name == D->getName())
              Found = true;
      return true;
    }
    if (const FunctionDecl *FD = CE->getDirectCallee())
      Callees.push_back(FD);
    return true;
  }

private:
  PathEngine &E;
  bool Found = false;
  std::vector<const FunctionDecl *> Callees;
  llvm::DenseMap<const FunctionDecl *, bool> Memo;
};

} // namespace

void PathEngine::report(CheckerContext &C, const Check &Ch, SourceLocation Loc,
                        std::string Message, std::vector<FindingNote> Notes,
                        std::vector<Replacement> Fixes) {
  Finding F;
  F.CheckId = Ch.id().str();
  F.Level = Ch.severity();
  F.Loc = Ctx.pos(Loc);
  F.End = Ctx.tokenEnd(Loc);
  F.Message = std::move(Message);
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
    CharSourceRange R = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(Cond->getSourceRange()), SM,
        Ctx.langOpts());
    std::string Text =
        R.isValid() ? Lexer::getSourceText(R, SM, Ctx.langOpts()).str() : "";
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

// PathContext.

static ProgramStateRef stateOf(CheckerContext &C, const void *Override) {
  if (Override)
    return ProgramStateRef(static_cast<const ProgramState *>(Override));
  return C.getState();
}

std::vector<MappingView> PathContext::liveLocals() const {
  std::vector<MappingView> Out;
  ProgramStateRef St = stateOf(C, State);
  for (SymbolRef S : St->get<LocalStack>())
    if (const Mapping *M = St->get<Mappings>(S))
      Out.push_back(E.view(S, *M));
  return Out;
}

std::vector<MappingView> PathContext::heldKmaps() const {
  std::vector<MappingView> Out;
  for (auto &KV : stateOf(C, State)->get<Mappings>())
    if (KV.second.Kind == MapKind::Global && !KV.second.Released)
      Out.push_back(E.view(KV.first, KV.second));
  return Out;
}

std::vector<MappingView> PathContext::allMappings() const {
  std::vector<MappingView> Out;
  for (auto &KV : stateOf(C, State)->get<Mappings>())
    Out.push_back(E.view(KV.first, KV.second));
  // Deterministic order: by map site position.
  std::sort(Out.begin(), Out.end(),
            [&](const MappingView &A, const MappingView &B) {
              return E.Ctx.pos(A.MapSite->getBeginLoc()) <
                     E.Ctx.pos(B.MapSite->getBeginLoc());
            });
  return Out;
}

int PathContext::pagefaultDepth() const {
  return stateOf(C, State)->get<PagefaultDepth>();
}
int PathContext::preemptDepth() const {
  return stateOf(C, State)->get<PreemptDepth>();
}
int PathContext::irqOffDepth() const {
  return stateOf(C, State)->get<IrqOffDepth>();
}

std::vector<LockView> PathContext::heldLocks() const {
  std::vector<LockView> Out;
  for (auto &KV : stateOf(C, State)->get<HeldLocks>()) {
    LockView L;
    L.Id = KV.first;
    L.Sleeping = KV.second.Sleeping;
    if (KV.second.Named)
      L.Name = KV.second.Named;
    else
      L.Name =
          static_cast<const MemRegion *>(KV.first)->getDescriptiveName(false);
    if (L.Name.empty())
      if (const auto *ND = dyn_cast_or_null<NamedDecl>(KV.second.D))
        L.Name = ND->getNameAsString();
    L.Site = KV.second.Site;
    L.IrqOff = KV.second.IrqOff;
    L.Decl = dyn_cast_or_null<NamedDecl>(KV.second.D);
    Out.push_back(L);
  }
  return Out;
}

std::optional<MappingView> PathContext::mappingOf(SVal V) const {
  if (SymbolRef S = baseSymbol(V))
    if (const Mapping *M = stateOf(C, State)->get<Mappings>(S))
      return E.view(S, *M);
  return std::nullopt;
}

bool PathContext::inTopFrame() const { return C.inTopFrame(); }
bool PathContext::balanceIndirect() const {
  return stateOf(C, State)->get<BalanceIndirect>();
}
bool PathContext::topIsEntryPoint() const { return !E.calledInTU(E.Top); }

const std::vector<const FunctionDecl *> &
PathEngine::calleesOf(const FunctionDecl *FD) {
  auto It = CalleeMemo.find(FD);
  if (It != CalleeMemo.end())
    return It->second;
  struct Collect : RecursiveASTVisitor<Collect> {
    std::vector<const FunctionDecl *> Out;
    bool VisitCallExpr(CallExpr *CE) {
      if (const FunctionDecl *C = CE->getDirectCallee())
        if (const FunctionDecl *Def = C->getDefinition())
          Out.push_back(Def);
      return true;
    }
  } Col;
  if (FD->getBody())
    Col.TraverseStmt(FD->getBody());
  return CalleeMemo[FD] = std::move(Col.Out);
}

bool PathEngine::reachesEffect(const FunctionDecl *FD, Effect Ef,
                               bool DirectOnly) {
  auto Key = std::make_pair(FD, unsigned(Ef) * 2 + DirectOnly);
  auto It = EffectMemo.find(Key);
  if (It != EffectMemo.end())
    return It->second;
  EffectMemo[Key] = false; // recursion guard
  bool R = false;
  const TUIndex &Index = Ctx.index();
  auto Calls = Index.CallsApi.find(FD);
  if (Calls != Index.CallsApi.end())
    for (const CallExpr *CE : Calls->second)
      if (const auto &AC = resolve(CE))
        R |= AC->Entry->hasEffect(Ef);
  if (!R && !DirectOnly)
    for (const FunctionDecl *C : calleesOf(FD)) {
      if (C->getIdentifier() && Ctx.api().isModeled(C->getName()))
        continue; // the model's bodies are not the client's
      if (reachesEffect(C, Ef)) {
        R = true;
        break;
      }
    }
  return EffectMemo[Key] = R;
}

bool PathContext::topIsPairHalf(Effect Mine) const {
  bool IsRelease =
      Mine == Effect::PreemptEnable || Mine == Effect::PagefaultEnable;
  Effect Other;
  if (Mine == Effect::PreemptEnable || Mine == Effect::PreemptDisable)
    Other = IsRelease ? Effect::PreemptDisable : Effect::PreemptEnable;
  else if (Mine == Effect::PagefaultEnable || Mine == Effect::PagefaultDisable)
    Other = IsRelease ? Effect::PagefaultDisable : Effect::PagefaultEnable;
  else
    return false;
  if (E.reachesEffect(E.Top, Other))
    return false;
  // The halves are named as pairs are in the kernel: kernel_fpu_begin_mask
  // and kernel_fpu_end, foo_lock and foo_unlock.
  static const llvm::StringRef ReleaseWords[] = {"end",    "stop",   "exit",
                                                 "put",    "unlock", "enable",
                                                 "finish", "leave",  "release"};
  static const llvm::StringRef AcquireWords[] = {"begin",   "start",  "enter",
                                                 "get",     "lock",   "disable",
                                                 "prepare", "acquire"};
  llvm::ArrayRef<llvm::StringRef> Release(ReleaseWords), Acquire(AcquireWords);
  llvm::ArrayRef<llvm::StringRef> MyWords = IsRelease ? Release : Acquire;
  llvm::ArrayRef<llvm::StringRef> PartnerWords = IsRelease ? Acquire : Release;
  if (!E.Top->getIdentifier())
    return false;
  llvm::StringRef Name = E.Top->getName();
  std::vector<std::pair<std::string, std::string>> Stems; // before, after
  for (llvm::StringRef W : MyWords)
    for (size_t At = Name.find(W); At != llvm::StringRef::npos;
         At = Name.find(W, At + 1)) {
      bool Starts = At == 0 || Name[At - 1] == '_';
      size_t End = At + W.size();
      bool Ends = End == Name.size() || Name[End] == '_';
      if (Starts && Ends)
        Stems.push_back(
            {Name.take_front(At).str(), Name.drop_front(End).str()});
    }
  if (Stems.empty())
    return false;
  // Partner names: the same stem with the opposite word; either may carry a
  // suffix (kernel_fpu_begin_mask for kernel_fpu_end).
  auto IsPartner = [&](llvm::StringRef N) {
    for (const auto &[Before, After] : Stems)
      for (llvm::StringRef W : PartnerWords) {
        if (!N.starts_with(Before + W.str()))
          continue;
        llvm::StringRef Rest = N.drop_front(Before.size() + W.size());
        if (Rest.starts_with(After) || llvm::StringRef(After).starts_with(Rest))
          return true;
      }
    return false;
  };
  const SourceManager &SM = E.Ctx.sm();
  for (const FunctionDecl *FD : E.Ctx.index().Functions)
    if (FD != E.Top && FD->getIdentifier() && IsPartner(FD->getName()) &&
        SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) &&
        E.reachesEffect(FD, Other, /*DirectOnly=*/true) &&
        !E.reachesEffect(FD, Mine))
      return true;
  return false;
}
const FunctionDecl *PathContext::topFunction() const { return E.Top; }
const LockDecl *PathContext::declaredLock(llvm::StringRef Name) const {
  for (const LockDecl &L : E.Ctx.locks())
    if (L.Name == Name)
      return &L;
  return nullptr;
}
std::optional<SourceLocation>
PathContext::takenWithIrqsOffAt(const NamedDecl *D) const {
  auto It = E.IrqOffSites.find(D);
  if (It == E.IrqOffSites.end())
    return std::nullopt;
  return It->second;
}
TUContext &PathContext::tu() const { return E.Ctx; }
const ApiModel &PathContext::api() const { return E.Ctx.api(); }

void PathContext::report(const Check &Ch, SourceLocation Loc,
                         std::string Message, std::vector<FindingNote> Notes,
                         std::vector<Replacement> Fixes) {
  E.report(C, Ch, Loc, std::move(Message), std::move(Notes), std::move(Fixes));
}

FindingNote PathContext::note(SourceLocation Loc, std::string Message) const {
  return {E.Ctx.pos(Loc), std::move(Message)};
}

FindingNote PathContext::createdNote(const MappingView &M) const {
  return note(M.MapSite->getBeginLoc(),
              "mapping of '" + M.Name + "' created here");
}

void runPathChecks(TUContext &Ctx, CompilerInstance &CI,
                   const std::vector<PathCheck *> &Checks, PathStats &Stats,
                   bool WantFacts) {
  if (Checks.empty() && !WantFacts)
    return;
  PathEngine Eng(Ctx, Checks);
  ASTContext &AST = Ctx.ast();
  SourceManager &SM = Ctx.sm();

  const TUIndex &Index = Ctx.index();
  // Functions of the main file that reach a modeled call.
  Reach R(Eng);
  std::vector<const FunctionDecl *> Selected;
  for (const FunctionDecl *FD : Index.Functions) {
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      continue;
    if (FD->getIdentifier() && Ctx.api().bodyIsModel(FD->getName()))
      continue;
    if (Checks.empty()) {
      // Facts only: the functions that call kmap() themselves.
      bool CallsKmap = false;
      auto It = Index.CallsApi.find(FD);
      if (It != Index.CallsApi.end())
        for (const CallExpr *CE : It->second)
          if (const auto &AC = Eng.resolve(CE))
            CallsKmap |=
                AC->Entry->Map && AC->Entry->Map->Kind == MapKind::Global;
      if (CallsKmap)
        Selected.push_back(FD);
      continue;
    }
    if (R.reaches(FD))
      Selected.push_back(FD);
    else
      ++Stats.FunctionsSkipped;
  }
  // Where this TU takes a lock with IRQs disabled (spin_lock_irq*).
  for (const CallExpr *CE : Index.ApiCalls) {
    const auto &AC = Eng.resolve(CE);
    if (!AC || !AC->Entry->Lock ||
        AC->Entry->Lock->Action != LockAction::Acquire ||
        (AC->Entry->Lock->Irq != LockIrq::Disable &&
         AC->Entry->Lock->Irq != LockIrq::Save) ||
        AC->Entry->Lock->Arg < 0 ||
        unsigned(AC->Entry->Lock->Arg) >= CE->getNumArgs())
      continue;
    if (const NamedDecl *D = lockArgDecl(CE->getArg(AC->Entry->Lock->Arg)))
      Eng.IrqOffSites.try_emplace(D, AC->NameLoc);
  }
  // The guarded globals of declared locks, by name.
  for (const Decl *D : AST.getTranslationUnitDecl()->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (VD->hasGlobalStorage() && VD->getIdentifier())
        for (const LockDecl &L : Ctx.locks())
          for (const std::string &V : L.GuardedVariables)
            if (V == VD->getName())
              Eng.GuardedGlobals[V] = VD;
  if (Selected.empty())
    return;

  AnalyzerOptions &Opts = CI.getAnalyzerOpts();
  Opts.IPAMode = "basic-inlining";
  Opts.InlineMaxStackDepth = 4;
  Opts.MaxInlinableSize = 200;
  Opts.MaxNodesPerTopLevelFunction = 10000;
  Opts.maxBlockVisitOnPath = 4;
  Opts.AnalysisDiagOpt = PD_NONE;
  Opts.ShouldEagerlyAssume = true;
  Opts.ShouldUnrollLoops = true; // loops with small constant bounds, exactly
  // After maxBlockVisitOnPath iterations, continue past the loop with what it
  // may change invalidated (LAST_PKMAP-sized loops in mm/highmem.c would
  // otherwise end every path). Addresses lost that way are handled in the
  // unmap (see widenedAddress).
  Opts.ShouldWidenLoops = true;

  CheckerManager CM(AST, Opts, CI.getPreprocessor());
  KmapEngineChecker *Checker = CM.registerChecker<KmapEngineChecker>();
  Checker->E = &Eng;
  CM.finishedCheckerRegistration();
  PathDiagnosticConsumers Consumers;
  AnalysisManager Mgr(AST, CI.getPreprocessor(), Consumers,
                      CreateRegionStoreManager, CreateRangeConstraintManager,
                      &CM, Opts);
  cross_tu::CrossTranslationUnitContext CTU(CI);
  // Entry points first; a function already inlined into an analysed caller
  // is not analysed again on its own (as the Static Analyzer does): its
  // paths were seen in context, and its reports would repeat without it.
  std::stable_partition(
      Selected.begin(), Selected.end(),
      [&](const FunctionDecl *FD) { return !Eng.calledInTU(FD); });
  SetOfConstDecls Inlined;
  for (const FunctionDecl *FD : Selected) {
    if (Inlined.count(FD) || Inlined.count(FD->getCanonicalDecl()))
      continue;
    Eng.Top = FD;
    // Fresh summaries per function: a callee marked "do not inline" while
    // analysing one function (its loops exhausted the budget there) must
    // still be inlined into the next.
    FunctionSummariesTy Summaries;
    SetOfConstDecls Visited;
    ExprEngine EE(CTU, Mgr, &Visited, &Summaries, ExprEngine::Inline_Regular);
    const StackFrameContext *SFC =
        Mgr.getAnalysisDeclContextManager().getStackFrame(FD);
    if (!Mgr.getCFG(FD)) {
      Stats.BoundHit.push_back(FD->getNameAsString() + " (no CFG)");
      continue;
    }
    bool Exhausted = EE.ExecuteWorkList(SFC, Opts.MaxNodesPerTopLevelFunction);
    ++Stats.FunctionsAnalysed;
    if (Exhausted)
      Stats.BoundHit.push_back(FD->getNameAsString());
    for (const Decl *D : Visited) {
      Inlined.insert(D);
      Inlined.insert(D->getCanonicalDecl());
    }
    Mgr.ClearContexts();
  }
}

} // namespace kmapcheck
