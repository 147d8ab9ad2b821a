//===- EngineChecker.cpp - evalCall's dispatch and the check events -------===//
#include "core/engine/EngineChecker.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/Support/Allocator.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

namespace {
/// A part of the API model: the entries it applies to and how it changes
/// the path state. evalCall applies every part that applies, in this order:
/// an unmap releases the mapping before its implicit enables apply, and a
/// map is created last, so that checks see it with everything else done.
struct CallModel {
  bool (*AppliesTo)(const ApiEntry &);
  ProgramStateRef (KmapEngineChecker::*Apply)(
      ProgramStateRef, const KmapEngineChecker::ModeledCall &,
      CheckerContext &) const;
};

const CallModel CallModels[] = {
    {[](const ApiEntry &E) { return !E.Advances.empty(); },
     &KmapEngineChecker::modelAdvance},
    {[](const ApiEntry &E) { return E.Unmap.has_value(); },
     &KmapEngineChecker::modelUnmap},
    {[](const ApiEntry &E) { return !E.Effects.empty(); },
     &KmapEngineChecker::modelEffects},
    {[](const ApiEntry &E) { return E.Lock.has_value(); },
     &KmapEngineChecker::modelLock},
    {[](const ApiEntry &E) { return E.Map.has_value(); },
     &KmapEngineChecker::modelMap},
    {[](const ApiEntry &E) { return E.Moves || !E.HandsOff.empty(); },
     &KmapEngineChecker::modelObserved},
};
} // namespace

bool KmapEngineChecker::evalCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return false;
  const std::optional<ApiCall> &ACOpt = E->resolve(CE);
  if (!ACOpt)
    return evalLeanHelper(Call, C) || evalTooDeep(Call, C);
  const ApiCall &AC = *ACOpt;
  const ApiEntry &Ent = *AC.Entry;
  ProgramStateRef St =
      E->notify(C, C.getState(), [&](PathCheck &PC, PathContext &P) {
        PC.beforeCall(P, AC, Call);
      });
  if (Ent.ErrTest != ErrorPointerTest::None)
    return evalErrorPointerTest(St, Ent, Call, C);
  // A function of another TU that the summary stands for may write what a
  // call without a body may write, besides what the summary says.
  if (!Ent.Via.empty())
    St = Call.invalidateRegions(C.blockCount(), St);

  // The return value: a fresh symbol (a mapping's address for a map).
  const LocationContext *LC = C.getLocationContext();
  SVal Ret = UnknownVal();
  QualType RT = CE->getType();
  if (!RT->isVoidType()) {
    Ret = C.getSValBuilder().conjureSymbolVal(nullptr, CE, LC, RT,
                                              C.blockCount());
    St = St->BindExpr(CE, LC, Ret);
  }
  ModeledCall MC{AC, Call, CE, Ret};
  // A trylock holds its lock only where it returned nonzero: two paths.
  ProgramStateRef Taken = St, NotTaken = nullptr;
  if (Ent.Lock && Ent.Lock->Try)
    if (auto DV = Ret.getAs<DefinedOrUnknownSVal>())
      std::tie(Taken, NotTaken) = St->assume(*DV);
  auto Apply = [&](ProgramStateRef S, bool Locked) {
    for (const CallModel &M : CallModels)
      if (M.AppliesTo(Ent) &&
          (Locked || M.Apply != &KmapEngineChecker::modelLock))
        S = (this->*M.Apply)(S, MC, C);
    S = E->notify(C, S, [&](PathCheck &PC, PathContext &P) {
      PC.afterCall(P, AC, Call, Ret);
    });
    C.addTransition(S);
  };
  if (Taken)
    Apply(Taken, /*Locked=*/true);
  if (NotTaken)
    Apply(NotTaken, /*Locked=*/false);
  return true;
}

ProgramStateRef KmapEngineChecker::modelObserved(ProgramStateRef St,
                                                 const ModeledCall &MC,
                                                 CheckerContext &C) const {
  // The checks saw the call before (beforeCall); what it writes is what a
  // call without a body may write.
  return MC.Call.invalidateRegions(C.blockCount(), St);
}

/// The Static Analyzer inlines a branch-free function at any depth; a chain
/// of a thousand one-line static helpers then becomes a thousand frames, and
/// every step of the analysis walks them (quadratic time). Past MaxFrames
/// frames a call with a body is evaluated as a call without one: its
/// pointer arguments' memory may change, and its value is unknown.
bool KmapEngineChecker::evalTooDeep(const CallEvent &Call,
                                    CheckerContext &C) const {
  const Decl *D = Call.getRuntimeDefinition().getDecl();
  if (!D || !D->hasBody())
    return false;
  unsigned Frames = 0;
  for (const LocationContext *L = C.getLocationContext(); L; L = L->getParent())
    Frames += isa<StackFrameContext>(L);
  if (Frames < MaxFrames)
    return false;
  E->DepthCut = true;
  ProgramStateRef St = Call.invalidateRegions(C.blockCount(), C.getState());
  if (const Expr *OE = Call.getOriginExpr())
    if (!OE->getType()->isVoidType())
      St = St->BindExpr(OE, C.getLocationContext(),
                        C.getSValBuilder().conjureSymbolVal(
                            nullptr, OE, C.getLocationContext(), OE->getType(),
                            C.blockCount()));
  C.addTransition(St);
  return true;
}

} // namespace kmapcheck

// The lean run's helper values, by call shape (PathEngine::LeanCalls).
REGISTER_MAP_WITH_PROGRAMSTATE(LeanValues, const void *, clang::ento::SVal)

namespace kmapcheck {

bool PathEngine::readsOnlyThroughArgs(const FunctionDecl *FD) {
  auto [It, New] = ReadOnlyMemo.try_emplace(FD, false);
  if (!New)
    return It->second;
  const WriteSet &W = writesOf(FD, 1);
  bool OK = !W.Unknown && !W.AnyDeref && W.Fields.empty() &&
            W.DerefTypes.empty() && llvm::all_of(W.Vars, [](const VarDecl *V) {
              return V->hasLocalStorage();
            });
  // Reads of globals: an opaque call may change them.
  struct Globals : RecursiveASTVisitor<Globals> {
    bool Found = false;
    llvm::DenseSet<const FunctionDecl *> Seen;
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Found |= !V->hasLocalStorage() && !V->getType().isConstQualified();
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      if (const FunctionDecl *C = CE->getDirectCallee())
        if (const FunctionDecl *Def = C->getDefinition())
          if (Def->hasBody() && Seen.insert(Def).second)
            TraverseStmt(Def->getBody());
      return true;
    }
  } G;
  if (OK) {
    G.Seen.insert(FD);
    G.TraverseStmt(FD->getBody());
  }
  return ReadOnlyMemo[FD] = OK && !G.Found;
}

bool KmapEngineChecker::evalLeanHelper(const CallEvent &Call,
                                       CheckerContext &C) const {
  if (E->LeanOpaque.empty())
    return false;
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(Call.getRuntimeDefinition().getDecl());
  const Expr *OE = Call.getOriginExpr();
  if (!FD || !OE || !E->LeanOpaque.count(FD) || !E->readsOnlyThroughArgs(FD))
    return false; // the analyzer evaluates it as a call without a body
  const LocationContext *LC = C.getLocationContext();
  ProgramStateRef St = C.getState();
  if (OE->getType()->isVoidType()) {
    C.addTransition(St); // writes nothing, returns nothing
    return true;
  }
  // The call's shape: the callee and its arguments' values.
  llvm::FoldingSetNodeID ID;
  ID.AddPointer(FD->getCanonicalDecl());
  ID.AddPointer(OE->getType().getCanonicalType().getAsOpaquePtr());
  PathEngine::LeanCall Shape;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    SVal A = Call.getArgSVal(I);
    A.Profile(ID);
    if (const MemRegion *R = A.getAsRegion())
      Shape.Bases.push_back(R->getBaseRegion());
  }
  llvm::BumpPtrAllocator Scratch;
  llvm::FoldingSetNodeIDRef Ref = ID.Intern(Scratch);
  std::string Key(reinterpret_cast<const char *>(Ref.getData()),
                  Ref.getSize() * sizeof(unsigned));
  auto [It, New] = E->LeanCalls.try_emplace(std::move(Key), std::move(Shape));
  const void *Token = &It->second;
  SVal V;
  if (const SVal *Known = St->get<LeanValues>(Token)) {
    V = *Known;
  } else {
    V = C.getSValBuilder().conjureSymbolVal(nullptr, OE, LC, OE->getType(),
                                            C.blockCount());
    St = St->set<LeanValues>(Token, V);
  }
  C.addTransition(St->BindExpr(OE, LC, V));
  return true;
}

void KmapEngineChecker::markLeanValuesLive(ProgramStateRef St,
                                           SymbolReaper &SR) const {
  for (auto &KV : St->get<LeanValues>())
    for (SymbolRef S : KV.second.symbols())
      SR.markLive(S);
}

// A helper's value is forgotten when the memory its pointer arguments point
// into changes (a bind, or an invalidation by a call). Memory it reaches
// through a pointer loaded from there (p->q->x) is not followed: a write to
// q->x between two equal calls keeps the first value. Only the lean run of
// a function that hit the bound uses these values.
ProgramStateRef
KmapEngineChecker::forgetLeanValues(ProgramStateRef St,
                                    ArrayRef<const MemRegion *> Changed) const {
  auto Values = St->get<LeanValues>();
  if (Values.isEmpty())
    return St;
  llvm::SmallPtrSet<const MemRegion *, 8> Bases;
  for (const MemRegion *R : Changed)
    Bases.insert(R->getBaseRegion());
  for (auto &KV : Values) {
    const auto *Shape = static_cast<const PathEngine::LeanCall *>(KV.first);
    if (llvm::any_of(Shape->Bases,
                     [&](const MemRegion *B) { return Bases.count(B); })) {
      St = St->remove<LeanValues>(KV.first);
    }
  }
  return St;
}

ApiCall PathEngine::summarizedCall(const CallExpr *CE,
                                   const FunctionDecl *Callee,
                                   const SummaryChain &Chain) {
  auto [It, New] = SummaryEntries.try_emplace(Callee->getName());
  if (New) {
    It->second.Name = Callee->getName().str();
    It->second.MightSleep = true;
  }
  ApiCall AC;
  AC.Call = CE;
  AC.Entry = &It->second;
  AC.Spelled = Callee->getName().str();
  SourceManager &SM = Ctx.sm();
  AC.NameLoc = SM.getExpansionLoc(CE->getCallee()->getExprLoc());
  std::tie(AC.File, AC.Offset) = SM.getDecomposedLoc(AC.NameLoc);
  AC.Summary = &Chain;
  return AC;
}

void KmapEngineChecker::checkPreCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || Callee->hasBody() ||
      E->Ctx.api().isModeled(Callee->getName()))
    return;
  const SummaryIndex *Sums = E->Ctx.summaries();
  const SummaryChain *Chain =
      Sums ? Sums->sleepChain(Callee->getName()) : nullptr;
  {
    PathContext P(*E, C, C.getState());
    if (!P.inAtomicContext())
      return;
  }
  E->AtomicExternalCalls[Callee->getName()] = Chain != nullptr;
  if (!Chain)
    return;
  ApiCall AC = E->summarizedCall(CE, Callee, *Chain);
  ProgramStateRef St =
      E->notify(C, C.getState(), [&](PathCheck &PC, PathContext &P) {
        PC.beforeSummarizedCall(P, AC, Call);
      });
  if (St != C.getState())
    C.addTransition(St);
}

void KmapEngineChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                  CheckerContext &C) const {
  ProgramStateRef St =
      E->notify(C, C.getState(), [&](PathCheck &PC, PathContext &P) {
        PC.onBind(P, Loc, Val, S);
      });
  St = bindEscapes(St, Loc, Val, S, C);
  St = pinOnBind(St, Loc, Val, S, C);
  St = recordCursorMove(St, Val, S, C);
  if (St != C.getState())
    C.addTransition(St);
}

void KmapEngineChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                      CheckerContext &C) const {
  ProgramStateRef St =
      E->notify(C, C.getState(), [&](PathCheck &PC, PathContext &P) {
        PC.onLocation(P, Loc, IsLoad, S);
      });
  // A pointer the code has dereferenced is not null afterwards (the kernel
  // would have oopsed): after kmap(*ppages), 'if (ppages) kunmap(*ppages)'
  // takes its branch. A path where it can only be null ends quietly.
  if (auto L = Loc.getAs<DefinedOrUnknownSVal>()) {
    auto [NotNull, Null] = St->assume(*L);
    if (NotNull) {
      St = NotNull;
    } else if (Null) {
      C.generateSink(Null, C.getPredecessor());
      return;
    }
  }
  if (St != C.getState())
    C.addTransition(St);
}

void KmapEngineChecker::checkBranchCondition(const Stmt *Cond,
                                             CheckerContext &C) const {
  ProgramStateRef St =
      E->notify(C, C.getState(),
                [&](PathCheck &PC, PathContext &P) { PC.onBranch(P, Cond); });
  St = pinCondition(St, Cond, C);
  if (St != C.getState())
    C.addTransition(St);
}

void KmapEngineChecker::checkPostStmt(const CastExpr *CE,
                                      CheckerContext &C) const {
  if (CE->getCastKind() == CK_LValueToRValue) {
    // Loads matter to checks of lock-guarded data only.
    if (E->Ctx.locks().empty())
      return keepAddressThroughCast(CE, C);
    SVal Loc = C.getSVal(CE->getSubExpr()), Val = C.getSVal(CE);
    ProgramStateRef St =
        E->notify(C, C.getState(), [&](PathCheck &PC, PathContext &P) {
          PC.afterLoad(P, CE, Loc, Val);
        });
    if (St != C.getState())
      C.addTransition(St);
    return;
  }
  keepAddressThroughCast(CE, C);
}

void KmapEngineChecker::checkEndFunction(const ReturnStmt *RS,
                                         CheckerContext &C) const {
  if (!C.inTopFrame()) {
    ProgramStateRef St = dropAtCallEnd(C.getState(), RS, C);
    St = unpinFrame(St, C);
    if (St != C.getState())
      C.addTransition(St);
    return;
  }
  ProgramStateRef St = C.getState();
  if (RS && RS->getRetValue())
    St = markEscaped(St, C.getSVal(RS->getRetValue()), RS, C);
  St = judgeDropped(St, C);
  E->notify(C, St,
            [&](PathCheck &PC, PathContext &P) { PC.atTopFunctionEnd(P, RS); });
}

} // namespace kmapcheck
