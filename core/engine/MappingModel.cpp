//===- MappingModel.cpp - Maps, unmaps, their targets and escapes ---------===//
//
// A map creates a mapping keyed by its address symbol (a local or atomic one
// is also pushed on the task's local-mapping stack); an unmap finds the
// mapping its argument points into (or, for kunmap(page), the mapping of the
// page) and releases it. A mapping's address that is stored to memory that
// outlives the function, or returned, escapes.
//
//===----------------------------------------------------------------------===//
#include "core/StmtUtils.h"
#include "core/engine/EngineChecker.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

/// A value the engine made up when it forgot memory or called a function
/// without its body (not a parameter's or a field's initial value, not a
/// constant): it may be any mapping's address or page.
static bool madeUp(SVal V) {
  if (V.isUnknown())
    return true;
  if (auto LI = V.getAs<nonloc::LocAsInteger>())
    V = LI->getLoc();
  SymbolRef S = baseSymbol(V);
  if (!S)
    return false;
  for (SymbolRef X : S->symbols())
    if (isa<SymbolConjured, SymbolDerived>(X))
      return true;
  return false;
}

MappingView PathEngine::view(SymbolRef S, const Mapping &M) {
  MappingView V;
  V.Id = S;
  V.Kind = M.Kind;
  V.Entry = M.Entry;
  V.MapSite = M.MapSite;
  V.Released = M.Released;
  V.Escaped = M.Escaped;
  V.UnmapSite = M.UnmapSite;
  V.Page = M.Page;
  V.Seq = M.Seq;
  V.LocalsBelow = M.LocalsBelow;
  V.Fn = M.Fn;
  V.Name = nameOfMapSite(M.MapSite);
  return V;
}

std::string PathEngine::nameOfMapSite(const Expr *Site) {
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
        std::string LHS = sourceText(Ctx.ast(), BO->getLHS()->getSourceRange());
        if (!LHS.empty())
          return LHS;
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

/// The mapping, offset and kind of argument an unmap is given.
static UnmapTarget findUnmapTarget(PathEngine &E, ProgramStateRef St,
                                   const UnmapSpec &U, const CallEvent &Call) {
  UnmapTarget T;
  if (U.Arg >= Call.getNumArgs())
    return T;
  SVal A = Call.getArgSVal(U.Arg);
  if (U.ArgIsAddress) {
    if (SymbolRef S = baseSymbol(A))
      if (const Mapping *M = St->get<Mappings>(S))
        T.Mapping = E.view(S, *M);
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
    if (const Expr *ArgE = Call.getArgExpr(U.Arg)) {
      QualType AT = ArgE->IgnoreParenImpCasts()->getType();
      if (AT->isPointerType())
        if (const auto *RD = AT->getPointeeType()->getAsRecordDecl())
          T.ArgIsPagePointer = RD->getName() == "page";
    }
    if (!T.Mapping)
      if (SymbolRef S = baseSymbol(A))
        for (auto &KV : St->get<Mappings>())
          if (KV.second.Page == S) {
            // The page of a mapping given where the address belongs.
            T.ArgIsPagePointer = true;
            T.Page = S;
          }
  } else {
    // kunmap(page): the page's live mapping, a kmap() one before a local
    // one, the most recent of each kind (by creation order, never by
    // symbol address).
    T.Page = pageKey(A);
    const Mapping *Best = nullptr;
    SymbolRef BestSym = nullptr;
    for (auto &KV : St->get<Mappings>()) {
      const Mapping &M = KV.second;
      if (!M.Page || M.Page != T.Page || M.Released)
        continue;
      bool Better;
      if (!Best)
        Better = true;
      else if ((M.Kind == MapKind::Global) != (Best->Kind == MapKind::Global))
        Better = M.Kind == MapKind::Global;
      else
        Better = M.Seq > Best->Seq;
      if (Better) {
        Best = &M;
        BestSym = KV.first;
      }
    }
    if (Best)
      T.Mapping = E.view(BestSym, *Best);
    // kunmap(addr): the argument is an address of a mapping.
    if (!T.Mapping)
      if (SymbolRef S = baseSymbol(A))
        if (const Mapping *M = St->get<Mappings>(S)) {
          T.Mapping = E.view(S, *M);
          T.ArgIsLocalObject = false;
          T.OffsetKnown = false;
          T.Page = nullptr;
        }
  }
  return T;
}

/// Kernel range walks (for (; addr != end; pte++, addr += PAGE_SIZE)) are
/// called with a non-empty range and release 'pte - 1' after the loop. The
/// address lies before the mapping only on the path that left such a loop
/// at its first test, and that path is an assumption unless the function
/// itself made the range empty before the loop (the test was already
/// decided there).
static bool zeroTripAssumed(PathEngine &E, const Expr *Arg, CheckerContext &C) {
  // The variable the unmapped address is computed from (pte in pte - 1).
  const Expr *A = Arg->IgnoreParenCasts();
  while (const auto *BO = dyn_cast<BinaryOperator>(A)) {
    if (!BO->isAdditiveOp())
      break;
    A = BO->getLHS()->IgnoreParenCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(A);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return false;
  const StackFrameContext *SFC = C.getStackFrame();
  const Stmt *Loop = nullptr;
  const Expr *Cond = nullptr;
  const ExplodedNode *Exit = nullptr;
  unsigned Steps = 0;
  for (const ExplodedNode *N = C.getPredecessor(); N && Steps < 20000;
       N = N->getFirstPred(), ++Steps) {
    if (N->getStackFrame() != SFC)
      continue;
    auto BE = N->getLocation().getAs<BlockEdge>();
    if (!BE)
      continue;
    const Stmt *Term = BE->getSrc()->getTerminatorStmt();
    const Expr *TermCond = nullptr;
    if (const auto *F = dyn_cast_or_null<ForStmt>(Term))
      TermCond = F->getCond();
    else if (const auto *W = dyn_cast_or_null<WhileStmt>(Term))
      TermCond = W->getCond();
    if (!TermCond || BE->getSrc()->succ_size() != 2)
      continue;
    bool TrueBranch = *BE->getSrc()->succ_begin() == BE->getDst();
    if (!Loop) {
      // The most recent loop left on this path must advance the variable.
      if (TrueBranch || !E.writesOfStmt(Term).Vars.count(VD))
        return false;
      Loop = Term;
      Cond = TermCond;
      Exit = N;
      continue;
    }
    if (Term == Loop && TrueBranch)
      return false; // it iterated
  }
  if (!Exit)
    return false;
  // Before the first test was decided: could it go both ways?
  const LocationContext *LC = Exit->getLocationContext();
  for (const ExplodedNode *N = Exit->getFirstPred(); N && Steps < 20050;
       N = N->getFirstPred(), ++Steps) {
    SVal V = N->getState()->getSVal(Cond, LC);
    if (V.isUnknownOrUndef())
      continue;
    auto DV = V.getAs<DefinedSVal>();
    if (!DV)
      return false;
    if (!V.getAsSymbol() && !V.getAs<nonloc::SymbolVal>())
      continue; // already decided here: keep looking further back
    auto [T, F] = N->getState()->assume(*DV);
    return T && F;
  }
  return false;
}

ProgramStateRef KmapEngineChecker::modelUnmap(ProgramStateRef St,
                                              const ModeledCall &MC,
                                              CheckerContext &C) const {
  const UnmapSpec &U = *MC.AC.Entry->Unmap;
  UnmapTarget T = findUnmapTarget(*E, St, U, MC.Call);
  if (T.Mapping && T.OffsetKnown && T.Offset < 0 &&
      U.Arg < MC.Call.getNumArgs() &&
      zeroTripAssumed(*E, MC.Call.getArgExpr(U.Arg), C))
    T.OffsetKnown = false; // only the assumed zero-trip path puts it there
  if (U.ArgIsAddress && U.Arg < MC.Call.getNumArgs()) {
    describeCursor(St, MC.Call.getArgSVal(U.Arg), T, C);
    if (T.Mapping && T.MovedAt && !T.OffsetKnown && !T.MaxOffset)
      E->UnboundedCursorUnmaps.insert(MC.CE);
  }
  if (!T.Mapping && !T.ArgIsLocalObject && !T.ArgIsPagePointer &&
      U.Arg < MC.Call.getNumArgs() && madeUp(MC.Call.getArgSVal(U.Arg))) {
    // Which mapping this releases is not known (an address or page the
    // engine lost): the live mappings it may release are no longer judged
    // on this path (never a guessed report), and --stats counts it. That
    // includes mappings already stored where others can see them: they are
    // still on the local stack, and any of them may be the one released.
    bool Any = false;
    for (auto &KV : St->get<Mappings>()) {
      const Mapping &M = KV.second;
      if (M.Released ||
          (M.Kind == MapKind::Global) != (U.Kind == MapKind::Global))
        continue;
      Any = true;
      if (M.Unsure)
        continue;
      Mapping N = M;
      N.Escaped = true; // unsure: neither leaked nor live on the stack
      N.Unsure = true;  // nor held
      St = St->set<Mappings>(KV.first, N);
    }
    if (Any) {
      E->UnidentifiedUnmaps.insert(MC.CE);
      if (U.Kind != MapKind::Global)
        St = St->set<LocalStack>(St->get_context<LocalStack>().getEmptyList());
    }
  }
  St = E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
    PC.beforeUnmap(P, MC.AC, T);
  });
  // Release the mapping and pop it from the local stack.
  // kunmap(page) does not touch a local mapping of the page.
  bool Releases = !(U.Kind == MapKind::Global && T.Mapping &&
                    T.Mapping->Kind != MapKind::Global);
  if (!T.Mapping || T.Mapping->Released || !Releases)
    return St;
  SymbolRef S = T.Mapping->Id;
  const Mapping *M = St->get<Mappings>(S);
  if (!M)
    return St;
  Mapping N = *M;
  N.Released = true;
  N.UnmapSite = MC.CE;
  St = St->set<Mappings>(S, N);
  if (M->Kind != MapKind::Global) {
    auto &F = St->get_context<LocalStack>();
    llvm::SmallVector<SymbolRef, 8> Keep;
    for (SymbolRef X : St->get<LocalStack>())
      if (X != S)
        Keep.push_back(X);
    LocalStackList New = F.getEmptyList();
    for (SymbolRef X : llvm::reverse(Keep))
      New = F.add(X, New);
    St = St->set<LocalStack>(New);
  }
  return St;
}

ProgramStateRef KmapEngineChecker::modelMap(ProgramStateRef St,
                                            const ModeledCall &MC,
                                            CheckerContext &C) const {
  const ApiEntry &Ent = *MC.AC.Entry;
  SymbolRef S = MC.Ret.getAsSymbol();
  if (!S)
    return St;
  const CallEvent &Call = MC.Call;
  Mapping M;
  M.Kind = Ent.Map->Kind;
  M.Entry = &Ent;
  M.MapSite = MC.CE;
  M.Fn = C.getLocationContext()->getStackFrame()->getDecl();
  M.Frame = C.getStackFrame();
  bool HasPage =
      Ent.Map->PageArg >= 0 && unsigned(Ent.Map->PageArg) < Call.getNumArgs();
  if (HasPage) {
    M.Page = pageKey(Call.getArgSVal(Ent.Map->PageArg));
    St = pinPageExpr(St, Call.getArgExpr(Ent.Map->PageArg), C);
  }
  M.Seq = sizeOf(St->get<Mappings>()) + 1;
  // The page is dereferenced by the map: not NULL from here on.
  if (HasPage)
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
  if (auto DV = MC.Ret.getAs<DefinedOrUnknownSVal>())
    if (ProgramStateRef NonNull = St->assume(*DV, true))
      St = NonNull;
  // Checks see the state with the mapping in place.
  MappingView V = E->view(S, M);
  return E->notify(
      C, St, [&](PathCheck &PC, PathContext &P) { PC.afterMap(P, MC.AC, V); });
}

ProgramStateRef KmapEngineChecker::markEscaped(ProgramStateRef St, SVal V,
                                               const Stmt *Site,
                                               CheckerContext &C) const {
  SymbolRef S = baseSymbol(V);
  if (!S)
    return St;
  const Mapping *M = St->get<Mappings>(S);
  if (!M)
    return St;
  MappingView MV = E->view(S, *M);
  St = E->notify(
      C, St, [&](PathCheck &PC, PathContext &P) { PC.onEscape(P, MV, Site); });
  Mapping N = *M;
  N.Escaped = true;
  St = St->set<Mappings>(S, N);
  // An iterator keeps a kmap_atomic() mapping in a struct across calls
  // (crypto_hash_walk, sg_miter, skb_seq_read): its implicit disables
  // leave with it.
  if (M->Kind == MapKind::Atomic)
    St = St->set<BalanceIndirect>(true);
  return St;
}

ProgramStateRef KmapEngineChecker::bindEscapes(ProgramStateRef St, SVal Loc,
                                               SVal Val, const Stmt *S,
                                               CheckerContext &C) const {
  SymbolRef Sym = baseSymbol(Val);
  if (Sym && !St->get<Mappings>(Sym)) {
    // An address combined with flags in an integer ('flags | (unsigned
    // long)vaddr', i915's reloc cache): the expression holds the mapping.
    Sym = nullptr;
    if (SymbolRef X = Val.getAsSymbol())
      for (SymbolRef Sub : X->symbols())
        if (St->get<Mappings>(Sub)) {
          Sym = Sub;
          Val = C.getSValBuilder().makeSymbolVal(Sub);
          break;
        }
  }
  if (!Sym)
    return St;
  // Stored to a local variable: still the function's own. Anywhere else
  // (global, heap, through a pointer) it outlives the call.
  if (const MemRegion *R = Loc.getAsRegion())
    if (const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion()))
      if (isa<StackLocalsSpaceRegion>(VR->getMemorySpace()))
        return St;
  return markEscaped(St, Val, S, C);
}

/// void * arithmetic on a mapping's address (kmap_atomic(page) + offset, a
/// GNU extension the kernel uses) keeps pointing into the mapping.
void KmapEngineChecker::checkPostStmt(const BinaryOperator *BO,
                                      CheckerContext &C) const {
  if (compareWithGlobalAddress(BO, C))
    return;
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
void KmapEngineChecker::keepAddressThroughCast(const CastExpr *CE,
                                               CheckerContext &C) const {
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

} // namespace kmapcheck
