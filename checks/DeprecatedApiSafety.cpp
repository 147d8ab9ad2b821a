//===- DeprecatedApiSafety.cpp --------------------------------------------===//
#include "checks/DeprecatedApiSafety.h"
#include "core/EscapeAnalysis.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace kmapcheck {
using namespace clang;

void PathFacts::atUnmap(PathContext &P, const ApiCall &AC,
                        const UnmapTarget &T) {
  if (!T.Mapping || T.Mapping->Released || T.Mapping->Kind != MapKind::Global)
    return;
  const MappingView &G = *T.Mapping;
  const auto *MapCall = dyn_cast_or_null<CallExpr>(G.MapSite);
  if (!MapCall || Order.count(MapCall))
    return; // the first path found is the one shown
  OrderFact F;
  F.Unmap = AC.Call;
  std::vector<MappingView> All = P.allMappings();
  // A mapping made after G and still live would be released after it.
  unsigned Newest = 0;
  for (const MappingView &M : All)
    if (!M.Released && M.Seq > G.Seq && M.MapSite != G.MapSite &&
        M.Seq >= Newest) {
      Newest = M.Seq;
      F.Other = M.MapSite;
    }
  if (!F.Other) {
    // A local mapping live when G was made and released before it.
    if (P.liveLocals().size() >= G.LocalsBelow)
      return;
    unsigned Best = 0;
    for (const MappingView &M : All)
      if (M.Released && M.Kind != MapKind::Global && M.Seq < G.Seq &&
          M.Seq >= Best) {
        Best = M.Seq;
        F.Other = M.MapSite;
      }
    F.OtherReleasedFirst = true;
    if (!F.Other)
      return;
  }
  Order[MapCall] = F;
}

void PathFacts::atEscape(PathContext &P, const MappingView &M,
                         const Stmt *Site) {
  // A kmap() address that leaves the function is no candidate for
  // kmap_local_page(), wherever the store is.
  if (M.Kind != MapKind::Global || M.Released || !M.Fn)
    return;
  const auto *MapCall = dyn_cast_or_null<CallExpr>(M.MapSite);
  if (!MapCall || Escapes.count(MapCall))
    return;
  Escapes[MapCall] = P.escapeSite(M, Site);
}

/// Writes to \p V other than the unit's maps (and NULL assignments).
static std::optional<SourceLocation>
otherWrite(FunctionUnits &FU, const VarDecl *V,
           const llvm::SmallPtrSetImpl<const Expr *> &Maps) {
  ASTContext &AST = FU.Ctx.ast();
  if (const Expr *Init = V->getInit())
    if (!Maps.count(stripAddressArith(Init)) &&
        !Init->isNullPointerConstant(AST, Expr::NPC_ValueDependentIsNotNull))
      return V->getLocation();
  for (const BinaryOperator *BO : FU.Body.Assignments) {
    auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(BO->getLHS()));
    if (!DRE || DRE->getDecl() != V)
      continue;
    if (BO->getOpcode() == BO_Assign &&
        (Maps.count(stripAddressArith(BO->getRHS())) ||
         BO->getRHS()->isNullPointerConstant(
             AST, Expr::NPC_ValueDependentIsNotNull)))
      continue;
    return BO->getOperatorLoc();
  }
  for (const UnaryOperator *UO : FU.Body.Increments) {
    auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(UO->getSubExpr()));
    if (DRE && DRE->getDecl() == V)
      return UO->getOperatorLoc();
  }
  return std::nullopt;
}

/// A write, between the offsets, to a variable \p Page refers to.
static std::optional<SourceLocation>
pageChanges(FunctionUnits &FU, const Expr *Page, unsigned Begin, unsigned End) {
  BodyIndex PageRefs(Page);
  auto InRange = [&](SourceLocation L) {
    if (!FU.inBodyFile(L))
      return false;
    unsigned O = FU.offsetOf(L);
    return O > Begin && O < End;
  };
  for (const auto &KV : PageRefs.Refs) {
    const VarDecl *V = KV.first;
    for (const BinaryOperator *BO : FU.Body.Assignments) {
      auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(BO->getLHS()));
      if (DRE && DRE->getDecl() == V && InRange(BO->getOperatorLoc()))
        return BO->getOperatorLoc();
    }
    for (const UnaryOperator *UO : FU.Body.Increments) {
      auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(UO->getSubExpr()));
      if (DRE && DRE->getDecl() == V && InRange(UO->getOperatorLoc()))
        return UO->getOperatorLoc();
    }
  }
  return std::nullopt;
}

/// What is wrong with the unit on its own.
static void judgeUnit(FunctionUnits &FU, ConversionUnit &U,
                      const PathFacts &Facts, FixOptions Opts) {
  const MapSite &First = *U.Maps.front();
  bool Enabled = U.Kind == MapKind::Global ? Opts.Kmap : Opts.KmapAtomic;
  if (!Enabled)
    U.fail("fix-its for " + apiName(First.C) +
               " are disabled by the check's options",
           First.C.NameLoc);
  bool AllDeprecated = true;
  for (MapSite *M : U.Maps)
    AllDeprecated &= isDeprecatedUse(M->C);
  for (UnmapSite *Un : U.Unmaps)
    AllDeprecated &= isDeprecatedUse(Un->C);
  if (!AllDeprecated)
    U.fail("the mapping is also handled by calls that are not deprecated "
           "APIs",
           First.C.NameLoc);
  if (U.Unmaps.empty())
    U.fail(U.Kind == MapKind::Global
               ? "no kunmap() of this page in the same function; map and "
                 "unmap must be converted together"
               : "no " +
                     std::string(U.Kind == MapKind::Atomic ? "kunmap_atomic()"
                                                           : "unmap") +
                     " of this address in the same function; map and unmap "
                     "must be converted together",
           First.C.NameLoc);
  for (MapSite *M : U.Maps)
    if (!M->C.Fixable)
      U.fail("the call is inside macro '" + M->C.EnclosingMacro + "'",
             M->C.NameLoc);
  for (UnmapSite *Un : U.Unmaps)
    if (!Un->C.Fixable)
      U.fail(apiName(Un->C) + " at line " + FU.lineOf(Un->C.NameLoc) +
                 " is inside macro '" + Un->C.EnclosingMacro + "'",
             Un->C.NameLoc);
  if (!U.Var->hasLocalStorage() || isa<ParmVarDecl>(U.Var))
    U.fail("the address is kept in '" + U.Var->getNameAsString() +
               "', which is not a local variable",
           First.C.NameLoc);
  llvm::SmallPtrSet<const Expr *, 4> MapExprs;
  for (MapSite *M : U.Maps)
    MapExprs.insert(M->C.Call);
  if (auto W = otherWrite(FU, U.Var, MapExprs))
    U.fail("'" + U.Var->getNameAsString() + "' is also modified at line " +
               FU.lineOf(*W),
           *W);
  if (auto Esc = findEscape(FU.Ctx, FU.Body, U.Var))
    U.fail(Esc->Why, Esc->Where);
  if (U.Kind != MapKind::Global)
    return;
  // Stores the source cannot show: in a TU-local callee, on a path.
  for (MapSite *M : U.Maps) {
    auto It = Facts.Escapes.find(M->C.Call);
    if (It == Facts.Escapes.end())
      continue;
    const EscapeSite &F = It->second;
    if (F.Callee && F.CallSite)
      U.fail("the address is stored to memory that outlives the function "
             "in '" +
                 F.Callee->getNameAsString() + "' (called at line " +
                 FU.lineOf(F.CallSite->getBeginLoc()) +
                 "); kmap_local_page() addresses are valid in this "
                 "context only",
             F.Store->getBeginLoc());
    else
      U.fail("the address leaves the function on a path (line " +
                 FU.lineOf(F.Store->getBeginLoc()) + ")",
             F.Store->getBeginLoc());
  }
  if (U.Unmaps.empty())
    return;
  const CallExpr *MC = First.C.Call;
  int PA = First.C.Entry->Map->PageArg;
  if (PA >= 0)
    if (auto Ch = pageChanges(FU, MC->getArg(PA), U.Begin, U.End))
      U.fail("the page expression may change between the kmap() and the "
             "kunmap() (line " +
                 FU.lineOf(*Ch) + ")",
             *Ch);
  // kunmap_local(var) needs var in scope at each unmap.
  ASTContext &AST = FU.Ctx.ast();
  DynTypedNode DeclP = parentOf(AST, DynTypedNode::create(*U.Var));
  const Stmt *Scope = nullptr;
  if (const auto *DS = DeclP.get<DeclStmt>())
    Scope = parentOf(AST, DynTypedNode::create(*DS)).get<CompoundStmt>();
  for (UnmapSite *Un : U.Unmaps)
    if (!Scope || Un->C.Offset >= FU.offsetOf(Scope->getEndLoc()) ||
        Un->C.Offset <= FU.offsetOf(Scope->getBeginLoc()))
      U.fail("'" + U.Var->getNameAsString() +
                 "' is not in scope at the kunmap() at line " +
                 FU.lineOf(Un->C.NameLoc),
             Un->C.NameLoc);
}

/// Converted kmap() sections must nest with the local mappings (and with
/// each other).
static void judgeStackOrder(FunctionUnits &FU, const PathFacts &Facts) {
  for (ConversionUnit *U : FU.GlobalUnits) {
    if (!U->NoFix.empty())
      continue;
    for (auto [B, E] : FU.StackIntervals) {
      bool Crosses = (U->Begin < B && B < U->End && U->End < E) ||
                     (B < U->Begin && U->Begin < E && E < U->End);
      if (Crosses) {
        unsigned Line = FU.Ctx.sm().getLineNumber(FU.BodyFile, B);
        U->fail("kunmap_local() would release the mappings out of stack "
                "order with the local mapping at line " +
                    std::to_string(Line),
                U->Maps.front()->C.NameLoc);
        break;
      }
    }
    // The intervals are source order; the engine's paths are exact (a
    // branch may release them in the other order).
    if (U->NoFix.empty())
      for (MapSite *M : U->Maps) {
        auto It = Facts.Order.find(M->C.Call);
        if (It == Facts.Order.end())
          continue;
        const OrderFact &F = It->second;
        std::string Other = FU.lineOf(F.Other->getBeginLoc());
        U->fail("on a path through the kunmap() at line " +
                    FU.lineOf(F.Unmap->getBeginLoc()) +
                    ", kunmap_local() would release the mappings out of "
                    "stack order: " +
                    (F.OtherReleasedFirst
                         ? "the local mapping made at line " + Other +
                               " before it is already released there"
                         : "the mapping made at line " + Other +
                               " after it is still live there"),
                F.Unmap->getBeginLoc());
        break;
      }
    if (U->NoFix.empty())
      FU.StackIntervals.push_back({U->Begin, U->End});
  }
}

void judgeUnits(FunctionUnits &FU, const PathFacts &Facts, FixOptions Opts) {
  for (auto &UP : FU.Units)
    if (UP->Kind != MapKind::Local)
      judgeUnit(FU, *UP, Facts, Opts);
  judgeStackOrder(FU, Facts);
}

} // namespace kmapcheck
