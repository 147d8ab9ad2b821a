//===- IdentityModel.cpp - A mapping keeps its identity -------------------===//
//
// The Static Analyzer forgets memory in two places: a call evaluated without
// its body invalidates everything its pointer arguments reach, and loop
// widening invalidates every local, argument and global of the frame. A
// mapping's address stored in a variable, field or array element (or as an
// integer with an offset), the page expression given to a map, and the
// lvalues an if-condition reads then come back as fresh values: an unmap no
// longer finds its mapping (false leaks, missed order bugs) and a condition
// tested twice no longer answers the same way.
//
// The engine pins those lvalues: it records their values on the path, and
// when memory is invalidated it puts back the values of the pinned lvalues
// that the invalidator cannot write:
//   - a call without a body (or a summary) is assumed not to write them;
//   - a call with a body writes what its body (and the bodies it calls)
//     assign: a field by its declaration, a variable, or elements of a type;
//   - a widened loop writes what its condition, increment and body assign.
// A pinned lvalue the program itself assigns takes the new value (or is
// unpinned); one the invalidator may write is unpinned, and an unmap of it
// is then not identified (MappingModel.cpp: the path stays silent about the
// mappings it may release, and --stats counts it).
//
// A pointer compared with a global's address (mm != &init_mm) is given one
// symbol per (pointer, global) pair, so that the same test later on the path
// answers the same way.
//
//===----------------------------------------------------------------------===//
#include "core/engine/EngineChecker.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"

using namespace clang;
using namespace clang::ento;

// Lvalues pinned on this path and the value each must keep.
REGISTER_MAP_WITH_PROGRAMSTATE(Pins, const MemRegion *, SVal)
// One symbol for 'p == &global', by (symbol of p, region of the global).
using AddrCmpKey = std::pair<const void *, const void *>;
REGISTER_MAP_WITH_PROGRAMSTATE(GlobalAddrCmp, AddrCmpKey, SymbolRef)
// Local mappings an inlined call made and handed to no one, by where it
// returned.
namespace {
struct DropSite {
  const clang::ReturnStmt *RS;
  const clang::FunctionDecl *FD;
  bool operator==(const DropSite &O) const { return RS == O.RS && FD == O.FD; }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(RS);
    ID.AddPointer(FD);
  }
};
} // namespace
REGISTER_MAP_WITH_PROGRAMSTATE(DroppedAt, SymbolRef, DropSite)

namespace kmapcheck {

//===----------------------------------------------------------------------===//
// What a statement or a function body may write.
//===----------------------------------------------------------------------===//

/// Functions that write through their first argument.
static bool writesFirstArg(StringRef Name) {
  Name.consume_front("__builtin_");
  while (Name.consume_front("_"))
    ;
  return Name.starts_with("mem") || Name.starts_with("str") ||
         Name.starts_with("copy_from") || Name.starts_with("get_user") ||
         Name.starts_with("sprintf") || Name.starts_with("snprintf") ||
         Name.starts_with("scnprintf");
}

static QualType canonical(QualType T) {
  return T.getCanonicalType().getUnqualifiedType();
}

namespace {
struct WriteCollector : RecursiveASTVisitor<WriteCollector> {
  PathEngine &E;
  WriteSet &Out;
  unsigned Depth;
  WriteCollector(PathEngine &E, WriteSet &Out, unsigned Depth)
      : E(E), Out(Out), Depth(Depth) {}

  void addRecordFields(const RecordDecl *RD, unsigned Level = 0) {
    if (!RD || Level > 3)
      return;
    for (const FieldDecl *FD : RD->fields()) {
      Out.Fields.insert(FD);
      if (const auto *Sub = FD->getType()->getAsRecordDecl())
        addRecordFields(Sub, Level + 1);
    }
  }
  void written(const Expr *L) {
    L = L->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Out.Vars.insert(VD);
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(L)) {
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
        Out.Fields.insert(FD);
        if (const auto *RD = FD->getType()->getAsRecordDecl())
          addRecordFields(RD);
      }
      return;
    }
    if (isa<ArraySubscriptExpr>(L) ||
        (isa<UnaryOperator>(L) &&
         cast<UnaryOperator>(L)->getOpcode() == UO_Deref)) {
      QualType T = canonical(L->getType());
      if (const auto *RD = T->getAsRecordDecl())
        addRecordFields(RD);
      if (T->isCharType() || T->isVoidType())
        Out.AnyDeref = true;
      Out.DerefTypes.insert(T.getAsOpaquePtr());
      return;
    }
    Out.AnyDeref = true; // something the collector does not follow
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      written(BO->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp())
      written(UO->getSubExpr());
    return true;
  }
  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    for (unsigned I = 0; I < S->getNumOutputs(); ++I)
      written(S->getOutputExpr(I));
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return true; // through a pointer: no body to read, assumed not to write
    if (FD->getIdentifier() && writesFirstArg(FD->getName()) &&
        CE->getNumArgs() > 0) {
      const Expr *A = CE->getArg(0)->IgnoreParenCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(A);
          UO && UO->getOpcode() == UO_AddrOf)
        written(UO->getSubExpr());
      else
        Out.AnyDeref = true;
      return true;
    }
    if (E.resolve(CE))
      return true; // a modeled call: its effects come from the model
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def || !Def->hasBody())
      return true; // opaque: assumed not to write what holds a mapping
    if (Depth >= 4) {
      Out.Unknown = true;
      return true;
    }
    Out.merge(E.writesOf(Def, Depth + 1));
    return true;
  }
};
} // namespace

/// A field's name across TUs: "record::field" (the record's tag, or the
/// typedef of an anonymous one); empty when the record has no name.
static std::string fieldKey(const FieldDecl *FD) {
  const RecordDecl *RD = FD->getParent();
  std::string Record = RD->getName().str();
  if (Record.empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      Record = TD->getName().str();
  if (Record.empty() || FD->getName().empty())
    return "";
  return Record + "::" + FD->getName().str();
}

void WriteSet::merge(const WriteSet &O) {
  Fields.insert(O.Fields.begin(), O.Fields.end());
  for (const auto &N : O.Named)
    Named.insert(N.getKey());
  Vars.insert(O.Vars.begin(), O.Vars.end());
  DerefTypes.insert(O.DerefTypes.begin(), O.DerefTypes.end());
  AnyDeref |= O.AnyDeref;
  Unknown |= O.Unknown;
}

bool WriteSet::mayWrite(const MemRegion *R) const {
  if (Unknown)
    return true;
  for (; R;
       R = isa<SubRegion>(R) ? cast<SubRegion>(R)->getSuperRegion() : nullptr) {
    if (const auto *FR = dyn_cast<FieldRegion>(R)) {
      if (Fields.count(FR->getDecl()) ||
          (!Named.empty() && Named.count(fieldKey(FR->getDecl()))))
        return true;
      continue;
    }
    if (const auto *ER = dyn_cast<ElementRegion>(R)) {
      if (AnyDeref ||
          DerefTypes.count(canonical(ER->getValueType()).getAsOpaquePtr()))
        return true;
      continue;
    }
    if (const auto *VR = dyn_cast<VarRegion>(R))
      return Vars.count(VR->getDecl()) ||
             (!Named.empty() && VR->getDecl()->hasGlobalStorage() &&
              Named.count(VR->getDecl()->getName()));
    if (isa<SymbolicRegion, MemSpaceRegion>(R))
      return false;
  }
  return false;
}

const WriteSet &PathEngine::collectWrites(const void *Key, const Stmt *Body,
                                          unsigned Depth) {
  auto It = WriteMemo.find(Key);
  if (It != WriteMemo.end())
    return *It->second;
  // A recursive call sees the (empty) set being built: it writes no more
  // than the body being read.
  WriteMemo[Key] = std::make_unique<WriteSet>();
  WriteSet Out;
  WriteCollector V(*this, Out, Depth);
  V.TraverseStmt(const_cast<Stmt *>(Body));
  WriteSet &Slot = *WriteMemo[Key];
  Slot = std::move(Out);
  return Slot;
}

const WriteSet &PathEngine::writesOf(const FunctionDecl *FD, unsigned Depth) {
  return collectWrites(FD, FD->getBody(), Depth);
}

const WriteSet &PathEngine::writesOfStmt(const Stmt *S) {
  return collectWrites(S, S, 0);
}

std::vector<std::string> PathEngine::writtenNames(const FunctionDecl *FD) {
  const WriteSet &W = writesOf(FD);
  std::set<std::string> Names;
  for (const FieldDecl *F : W.Fields) {
    std::string K = fieldKey(F);
    if (!K.empty())
      Names.insert(std::move(K));
  }
  for (const VarDecl *V : W.Vars)
    if (V->hasGlobalStorage() && !V->isStaticLocal() &&
        V->isExternallyVisible())
      Names.insert(V->getName().str());
  return {Names.begin(), Names.end()};
}

const WriteSet *PathEngine::summaryWrites(const FunctionDecl *Callee) {
  auto [It, New] = SummaryWriteMemo.try_emplace(Callee, nullptr);
  if (!New)
    return It->second.get();
  const SummaryIndex *Sums = Ctx.summaries();
  const std::vector<std::string> *Names =
      Sums && Callee->getIdentifier() ? Sums->writesOf(Callee->getName())
                                      : nullptr;
  if (!Names)
    return nullptr;
  auto W = std::make_unique<WriteSet>();
  for (const std::string &N : *Names)
    W->Named.insert(N);
  It->second = std::move(W);
  return It->second.get();
}

std::vector<FunctionSummary> summarizeTUWithWrites(TUContext &Ctx,
                                                   uint64_t GfpSleepBit) {
  static const std::vector<PathCheck *> NoChecks;
  PathEngine Eng(Ctx, NoChecks);
  return summarizeTU(Ctx, GfpSleepBit, [&](const FunctionDecl *FD) {
    return Eng.writtenNames(FD);
  });
}

//===----------------------------------------------------------------------===//
// Lvalues and their values, computed from the state alone.
//===----------------------------------------------------------------------===//

namespace {
/// Evaluates side-effect-free lvalue and rvalue expressions (variables,
/// fields, dereferences, subscripts with simple indices) on a state.
struct StateEval {
  ProgramStateRef St;
  const LocationContext *LC;
  SValBuilder &SVB;
  ASTContext &Ctx;

  std::optional<SVal> lvalue(const Expr *E) const {
    E = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return St->getLValue(VD, LC);
      return std::nullopt;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!FD)
        return std::nullopt;
      std::optional<SVal> B =
          ME->isArrow() ? rvalue(ME->getBase()) : lvalue(ME->getBase());
      if (!B || !B->getAs<Loc>())
        return std::nullopt;
      return St->getLValue(FD, *B);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return std::nullopt;
      std::optional<SVal> P = rvalue(UO->getSubExpr());
      if (!P || !P->getAs<Loc>())
        return std::nullopt;
      return P;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      std::optional<SVal> B = rvalue(AS->getBase());
      std::optional<SVal> I = rvalue(AS->getIdx());
      if (!B || !I || !B->getAs<Loc>() || !I->getAs<NonLoc>())
        return std::nullopt;
      return St->getLValue(AS->getType(), *I, *B);
    }
    return std::nullopt;
  }

  std::optional<SVal> rvalue(const Expr *E) const {
    E = E->IgnoreParens();
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
      if (IC->getCastKind() == CK_LValueToRValue) {
        std::optional<SVal> L = lvalue(IC->getSubExpr());
        if (!L || !L->getAs<Loc>())
          return std::nullopt;
        return St->getSVal(L->castAs<Loc>(), IC->getType());
      }
      if (IC->getCastKind() == CK_ArrayToPointerDecay) {
        std::optional<SVal> L = lvalue(IC->getSubExpr());
        if (!L || !L->getAs<Loc>())
          return std::nullopt;
        const auto *AT = Ctx.getAsArrayType(IC->getSubExpr()->getType());
        if (!AT)
          return std::nullopt;
        return St->getStateManager().getStoreManager().ArrayToPointer(
            L->castAs<Loc>(), AT->getElementType());
      }
      if (IC->getCastKind() == CK_NoOp || IC->getCastKind() == CK_BitCast ||
          IC->getCastKind() == CK_IntegralCast)
        return rvalue(IC->getSubExpr());
      return std::nullopt;
    }
    if (E->getType()->isIntegerType()) {
      Expr::EvalResult R;
      if (E->EvaluateAsInt(R, Ctx))
        return SVB.makeIntVal(R.Val.getInt());
    }
    return std::nullopt;
  }
};
} // namespace

/// The region a pinned lvalue is kept under: the one the store binds and
/// loads (a symbolic region is its element 0, as RegionStore makes it).
static const MemRegion *storeRegion(const MemRegion *R, QualType T,
                                    SValBuilder &SVB) {
  if (const auto *SR = dyn_cast<SymbolicRegion>(R)) {
    if (T.isNull() || T->isVoidType())
      T = SR->getPointeeStaticType();
    if (T.isNull() || T->isVoidType() || T->isIncompleteType())
      return nullptr;
    return SVB.getRegionManager().getElementRegion(T, SVB.makeZeroArrayIndex(),
                                                   SR, SVB.getContext());
  }
  if (!isa<TypedValueRegion>(R))
    return nullptr;
  return R;
}

static ProgramStateRef pinRegion(ProgramStateRef St, const MemRegion *R,
                                 QualType T, SValBuilder &SVB) {
  R = storeRegion(R, T, SVB);
  if (!R)
    return St;
  QualType VT = cast<TypedValueRegion>(R)->getValueType();
  if (!VT->isScalarType())
    return St;
  SVal V = St->getSVal(R);
  if (V.isUnknownOrUndef())
    return St;
  return St->set<Pins>(R, V);
}

static ProgramStateRef pinRvalueChain(ProgramStateRef St, const Expr *E,
                                      const StateEval &Ev, unsigned Depth);

/// Pins lvalue \p L (when scalar) and the pointers it is reached through.
static ProgramStateRef pinLvalueChain(ProgramStateRef St, const Expr *L,
                                      const StateEval &Ev, unsigned Depth) {
  if (Depth > 6)
    return St;
  L = L->IgnoreParens();
  StateEval Cur{St, Ev.LC, Ev.SVB, Ev.Ctx};
  if (L->getType()->isScalarType())
    if (std::optional<SVal> Loc = Cur.lvalue(L))
      if (const MemRegion *R = Loc->getAsRegion())
        St = pinRegion(St, R, L->getType(), Ev.SVB);
  if (const auto *ME = dyn_cast<MemberExpr>(L))
    return ME->isArrow() ? pinRvalueChain(St, ME->getBase(), Ev, Depth + 1)
                         : pinLvalueChain(St, ME->getBase(), Ev, Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(L))
    if (UO->getOpcode() == UO_Deref)
      return pinRvalueChain(St, UO->getSubExpr(), Ev, Depth + 1);
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(L))
    return pinRvalueChain(St, AS->getBase(), Ev, Depth + 1);
  return St;
}

static ProgramStateRef pinRvalueChain(ProgramStateRef St, const Expr *E,
                                      const StateEval &Ev, unsigned Depth) {
  E = E->IgnoreParens();
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    if (CE->getCastKind() == CK_LValueToRValue ||
        CE->getCastKind() == CK_ArrayToPointerDecay)
      return pinLvalueChain(St, CE->getSubExpr(), Ev, Depth);
    return pinRvalueChain(St, CE->getSubExpr(), Ev, Depth);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAdditiveOp()) {
      St = pinRvalueChain(St, BO->getLHS(), Ev, Depth);
      return pinRvalueChain(St, BO->getRHS(), Ev, Depth);
    }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return pinLvalueChain(St, UO->getSubExpr(), Ev, Depth);
  return St;
}

//===----------------------------------------------------------------------===//
// The checker's side.
//===----------------------------------------------------------------------===//

/// Does \p V hold a mapping's address (as a pointer, an integer or an
/// integer expression)?
static bool carriesMapping(ProgramStateRef St, SVal V) {
  if (SymbolRef S = baseSymbol(V))
    if (St->get<Mappings>(S))
      return true;
  if (auto LI = V.getAs<nonloc::LocAsInteger>())
    if (SymbolRef S = baseSymbol(LI->getLoc()))
      if (St->get<Mappings>(S))
        return true;
  if (SymbolRef X = V.getAsSymbol())
    for (SymbolRef Sub : X->symbols())
      if (St->get<Mappings>(Sub))
        return true;
  return false;
}

ProgramStateRef KmapEngineChecker::pinOnBind(ProgramStateRef St, SVal Loc,
                                             SVal Val, const Stmt *S,
                                             CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return St;
  SValBuilder &SVB = C.getSValBuilder();
  QualType T;
  if (const auto *TR = dyn_cast<TypedValueRegion>(R))
    T = TR->getValueType();
  const MemRegion *Key = storeRegion(R, T, SVB);
  if (!Key)
    return St;
  // The program writes a pinned lvalue (or an object holding one, x = y):
  // its new value is the truth.
  for (auto &KV : St->get<Pins>())
    if (KV.first != Key && KV.first->isSubRegionOf(R))
      St = St->remove<Pins>(KV.first);
  bool Carries = carriesMapping(St, Val);
  if (!Carries) {
    if (St->get<Pins>(Key))
      St = St->remove<Pins>(Key);
    return St;
  }
  St = St->set<Pins>(Key, Val);
  // The pointers the lvalue is reached through (strm->next_out: strm).
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S))
    if (BO->isAssignmentOp()) {
      StateEval Ev{St, C.getLocationContext(), SVB, C.getASTContext()};
      const Expr *L = BO->getLHS()->IgnoreParens();
      if (const auto *ME = dyn_cast<MemberExpr>(L))
        St = ME->isArrow() ? pinRvalueChain(St, ME->getBase(), Ev, 1)
                           : pinLvalueChain(St, ME->getBase(), Ev, 1);
      else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(L))
        St = pinRvalueChain(St, AS->getBase(), Ev, 1);
      else if (const auto *UO = dyn_cast<UnaryOperator>(L);
               UO && UO->getOpcode() == UO_Deref)
        St = pinRvalueChain(St, UO->getSubExpr(), Ev, 1);
    }
  return St;
}

ProgramStateRef KmapEngineChecker::pinPageExpr(ProgramStateRef St,
                                               const Expr *Page,
                                               CheckerContext &C) const {
  StateEval Ev{St, C.getLocationContext(), C.getSValBuilder(),
               C.getASTContext()};
  return pinRvalueChain(St, Page, Ev, 0);
}

/// The if-statement or conditional operator whose condition \p Cond is
/// (part of), or null for a loop condition.
static bool isIfCondition(const Stmt *Cond, const ParentMap &PM) {
  const Stmt *S = Cond;
  for (int I = 0; I < 8 && S; ++I) {
    const Stmt *P = PM.getParentIgnoreParens(S);
    if (!P)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getCond()->IgnoreParens() == S;
    if (const auto *CO = dyn_cast<ConditionalOperator>(P))
      return CO->getCond()->IgnoreParens() == S;
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (!BO->isLogicalOp())
        return false;
    } else if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      if (UO->getOpcode() != UO_LNot)
        return false;
    } else if (!isa<CastExpr>(P)) {
      return false;
    }
    S = P;
  }
  return false;
}

ProgramStateRef KmapEngineChecker::pinCondition(ProgramStateRef St,
                                                const Stmt *Cond,
                                                CheckerContext &C) const {
  const auto *CondE = dyn_cast<Expr>(Cond);
  if (!CondE || !isIfCondition(Cond, C.getLocationContext()->getParentMap()))
    return St;
  // The scalar lvalues the condition reads: fields and variables.
  struct Loads : RecursiveASTVisitor<Loads> {
    llvm::SmallVector<const Expr *, 4> Out;
    bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
      if (IC->getCastKind() == CK_LValueToRValue &&
          IC->getType()->isScalarType())
        Out.push_back(IC->getSubExpr());
      return true;
    }
    bool TraverseCallExpr(CallExpr *) { return true; } // calls: values
    bool TraverseStmtExpr(StmtExpr *) { return true; }
  } L;
  L.TraverseStmt(const_cast<Expr *>(CondE));
  if (L.Out.empty())
    return St;
  StateEval Ev{St, C.getLocationContext(), C.getSValBuilder(),
               C.getASTContext()};
  for (const Expr *X : L.Out)
    St = pinLvalueChain(St, X, Ev, 0);
  return St;
}

/// The loop a widening's conjured value \p V stands for.
static const Stmt *wideningLoop(SVal V, const LocationContext *LC) {
  SymbolRef S = V.getAsSymbol();
  if (!S)
    S = V.getAsLocSymbol();
  if (!S)
    if (auto LI = V.getAs<nonloc::LocAsInteger>())
      S = LI->getLoc().getAsLocSymbol();
  while (const auto *D = dyn_cast_or_null<SymbolDerived>(S))
    S = D->getParentSymbol();
  const auto *SC = dyn_cast_or_null<SymbolConjured>(S);
  if (!SC || !SC->getStmt())
    return nullptr;
  for (const LocationContext *L = LC; L; L = L->getParent()) {
    const Stmt *P = L->getParentMap().getParent(SC->getStmt());
    if (const auto *F = dyn_cast_or_null<ForStmt>(P))
      if (F->getCond() == SC->getStmt())
        return F;
    if (const auto *W = dyn_cast_or_null<WhileStmt>(P))
      if (W->getCond() == SC->getStmt())
        return W;
    if (const auto *D = dyn_cast_or_null<DoStmt>(P))
      if (D->getCond() == SC->getStmt())
        return D;
  }
  return nullptr;
}

ProgramStateRef KmapEngineChecker::checkRegionChanges(
    ProgramStateRef St, const InvalidatedSymbols *Invalidated,
    ArrayRef<const MemRegion *> ExplicitRegions,
    ArrayRef<const MemRegion *> Regions, const LocationContext *LCtx,
    const CallEvent *Call) const {
  St = forgetLeanValues(St, ExplicitRegions);
  St = forgetLeanValues(St, Regions);
  if (!Invalidated)
    return St; // a bind: checkBind keeps the pins
  PinMap Pinned = St->get<Pins>();
  if (Pinned.isEmpty())
    return St;
  // What the invalidator may write.
  const WriteSet *W = nullptr;
  WriteSet Nothing;
  bool Widening = !Call;
  // A function without a body or summary here: the pins it leaves alone
  // are its callers' assumption, which the merged summaries may refute.
  const FunctionDecl *Opaque = nullptr;
  if (Call) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call->getDecl());
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    if (FD && FD->getIdentifier() && writesFirstArg(FD->getName())) {
      // memcpy(&x, ...): what the first argument points into.
      const MemRegion *Dst =
          Call->getNumArgs() ? Call->getArgSVal(0).getAsRegion() : nullptr;
      for (auto &KV : Pinned) {
        if (St->getSVal(KV.first) == KV.second)
          continue;
        if (!Dst || KV.first->getBaseRegion() == Dst->getBaseRegion())
          St = St->remove<Pins>(KV.first);
        else
          St = St->bindLoc(loc::MemRegionVal(KV.first), KV.second, LCtx,
                           /*notifyChanges=*/false);
      }
      return St;
    }
    if (Def && Def->hasBody()) {
      W = &E->writesOf(Def, 1);
    } else if (const WriteSet *Summarized = FD ? E->summaryWrites(FD)
                                                 : nullptr) {
      W = Summarized; // another TU's function, by its summary
    } else {
      W = &Nothing;
      Opaque = FD && FD->getIdentifier() ? FD : nullptr;
    }
  }
  for (auto &KV : Pinned) {
    const MemRegion *R = KV.first;
    SVal Cur = St->getSVal(R);
    if (Cur == KV.second)
      continue;
    if (Widening && !W) {
      const Stmt *Loop = wideningLoop(Cur, LCtx);
      if (!Loop) {
        St = St->remove<Pins>(R);
        continue;
      }
      W = &E->writesOfStmt(Loop);
    }
    if (W->mayWrite(R)) {
      St = St->remove<Pins>(R);
      continue;
    }
    if (Opaque)
      for (const MemRegion *Sub = R; Sub;
           Sub = isa<SubRegion>(Sub) ? cast<SubRegion>(Sub)->getSuperRegion()
                                     : nullptr)
        if (const auto *FR = dyn_cast<FieldRegion>(Sub)) {
          std::string K = fieldKey(FR->getDecl());
          if (!K.empty())
            E->PinnedAcross[Opaque->getName().str()].insert(std::move(K));
        }
    St = St->bindLoc(loc::MemRegionVal(R), KV.second, LCtx,
                     /*notifyChanges=*/false);
  }
  return St;
}

ProgramStateRef KmapEngineChecker::repin(ProgramStateRef St, const MemRegion *R,
                                         SVal V) const {
  if (St->get<Pins>(R))
    St = St->set<Pins>(R, V);
  return St;
}

void KmapEngineChecker::checkLiveSymbols(ProgramStateRef St,
                                         SymbolReaper &SR) const {
  markLeanValuesLive(St, SR);
  // What a pinned lvalue must keep, and the answers of comparisons with a
  // global's address, keep their constraints while they are pinned.
  for (auto &KV : St->get<Pins>()) {
    SR.markLive(KV.first);
    for (SymbolRef S : KV.second.symbols())
      SR.markLive(S);
    if (const MemRegion *R = KV.second.getAsRegion())
      SR.markLive(R);
  }
  for (auto &KV : St->get<GlobalAddrCmp>()) {
    SR.markLive(static_cast<SymbolRef>(KV.first.first));
    SR.markLive(KV.second);
  }
}

ProgramStateRef KmapEngineChecker::unpinFrame(ProgramStateRef St,
                                              CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  for (auto &KV : St->get<Pins>()) {
    const MemSpaceRegion *MS = KV.first->getMemorySpace();
    if (const auto *SS = dyn_cast<StackSpaceRegion>(MS))
      if (SS->getStackFrame() == SFC)
        St = St->remove<Pins>(KV.first);
  }
  return St;
}

/// Does \p V hold the address of mapping \p S?
static bool holds(SVal V, SymbolRef S) {
  if (auto LI = V.getAs<nonloc::LocAsInteger>())
    V = LI->getLoc();
  if (baseSymbol(V) == S)
    return true;
  if (SymbolRef X = V.getAsSymbol())
    for (SymbolRef Sub : X->symbols())
      if (Sub == S)
        return true;
  return false;
}

ProgramStateRef KmapEngineChecker::dropAtCallEnd(ProgramStateRef St,
                                                 const ReturnStmt *RS,
                                                 CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
  if (!FD)
    return St;
  std::optional<SVal> Ret;
  if (RS && RS->getRetValue()) {
    Ret = C.getSVal(RS->getRetValue());
    if (Ret->getAs<nonloc::LazyCompoundVal>() ||
        Ret->getAs<nonloc::CompoundVal>())
      return St; // a struct returned by value may hold anything
  }
  std::vector<MappingView> Dropped;
  for (auto &KV : St->get<Mappings>()) {
    const Mapping &M = KV.second;
    if (M.Released || M.Escaped || M.Kind == MapKind::Global || !M.Frame)
      continue;
    // Made during this call: in this frame or one it called.
    bool During = false;
    for (const LocationContext *L =
             static_cast<const LocationContext *>(M.Frame);
         L; L = L->getParent())
      if (L == SFC) {
        During = true;
        break;
      }
    if (!During || (Ret && holds(*Ret, KV.first)))
      continue;
    bool Handed = false;
    for (auto &P : St->get<Pins>()) {
      if (!holds(P.second, KV.first))
        continue;
      const auto *SS = dyn_cast<StackSpaceRegion>(P.first->getMemorySpace());
      if (!SS || SS->getStackFrame() != SFC) {
        Handed = true;
        break;
      }
    }
    if (!Handed)
      Dropped.push_back(E->view(KV.first, M));
  }
  // Judged at the end of the top function, when they are still live and
  // unescaped there (an unmap the engine could not tell may release them).
  for (const MappingView &V : Dropped)
    St = St->set<DroppedAt>(V.Id, DropSite{RS, FD});
  return St;
}

ProgramStateRef KmapEngineChecker::judgeDropped(ProgramStateRef St,
                                                CheckerContext &C) const {
  auto All = St->get<DroppedAt>();
  if (All.isEmpty())
    return St;
  // By drop site, in creation order.
  std::vector<std::pair<DropSite, std::vector<MappingView>>> Sites;
  for (auto &KV : All) {
    const Mapping *M = St->get<Mappings>(KV.first);
    if (!M || M->Released || M->Escaped)
      continue;
    auto It = llvm::find_if(Sites, [&](const auto &S) {
      return S.first.RS == KV.second.RS && S.first.FD == KV.second.FD;
    });
    if (It == Sites.end()) {
      Sites.push_back({KV.second, {}});
      It = std::prev(Sites.end());
    }
    It->second.push_back(E->view(KV.first, *M));
  }
  for (auto &[Site, Views] : Sites) {
    llvm::sort(Views, [](const MappingView &A, const MappingView &B) {
      return A.Seq < B.Seq;
    });
    St = E->notify(C, St, [&](PathCheck &PC, PathContext &P) {
      PC.atInlinedFunctionEnd(P, Site.FD, Site.RS, Views);
    });
    // Judged where they were dropped: not again at the top's exit.
    for (const MappingView &V : Views)
      if (const Mapping *M = St->get<Mappings>(V.Id)) {
        Mapping N = *M;
        N.Escaped = true;
        St = St->set<Mappings>(V.Id, N);
      }
  }
  return St;
}

bool KmapEngineChecker::compareWithGlobalAddress(const BinaryOperator *BO,
                                                 CheckerContext &C) const {
  if (!BO->isEqualityOp() || !C.getSVal(BO).isUnknown())
    return false;
  ProgramStateRef St = C.getState();
  SVal L = C.getSVal(BO->getLHS()), R = C.getSVal(BO->getRHS());
  auto GlobalOf = [](SVal V) -> const MemRegion * {
    const MemRegion *MR = V.getAsRegion();
    if (!MR)
      return nullptr;
    MR = MR->StripCasts();
    const auto *VR = dyn_cast<VarRegion>(MR);
    if (!VR || !VR->getDecl()->hasGlobalStorage())
      return nullptr;
    return VR;
  };
  auto SymOf = [](SVal V) -> SymbolRef {
    const MemRegion *MR = V.getAsRegion();
    if (!MR)
      return nullptr;
    MR = MR->StripCasts();
    if (const auto *SR = dyn_cast<SymbolicRegion>(MR))
      return SR->getSymbol();
    return nullptr;
  };
  const MemRegion *G = GlobalOf(R);
  SymbolRef S = SymOf(L);
  if (!G || !S) {
    G = GlobalOf(L);
    S = SymOf(R);
  }
  if (!G || !S)
    return false;
  SValBuilder &SVB = C.getSValBuilder();
  QualType IntT = BO->getType();
  AddrCmpKey Key{S, G};
  SymbolRef Eq;
  if (const SymbolRef *Known = St->get<GlobalAddrCmp>(Key)) {
    Eq = *Known;
  } else {
    SVal NewV = SVB.conjureSymbolVal(nullptr, BO, C.getLocationContext(), IntT,
                                     C.blockCount());
    Eq = NewV.getAsSymbol();
    if (!Eq)
      return false;
    St = St->set<GlobalAddrCmp>(Key, Eq);
    // A truth value: 0 or 1.
    if (ProgramStateRef In = St->assumeInclusiveRange(
            NewV.castAs<NonLoc>(), SVB.getBasicValueFactory().getValue(0, IntT),
            SVB.getBasicValueFactory().getValue(1, IntT), true))
      St = In;
  }
  SVal EqV = SVB.makeSymbolVal(Eq);
  SVal Result =
      BO->getOpcode() == BO_EQ
          ? EqV
          : SVB.evalBinOp(St, BO_EQ, EqV, SVB.makeIntVal(0, IntT), IntT);
  C.addTransition(St->BindExpr(BO, C.getLocationContext(), Result));
  return true;
}

} // namespace kmapcheck
