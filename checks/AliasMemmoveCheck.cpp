//===- AliasMemmoveCheck.cpp - kmap-alias-memmove -------------------------===//
//
// Each kmap_local_page() (or kmap_atomic()) call takes a slot of its own,
// so two local mappings of one page have two different addresses. memmove()
// tells an overlap by comparing addresses: between two such mappings it
// sees none, copies in the wrong direction and corrupts the data (Matthew
// Wilcox, linux-fsdevel 2024: "Calling kmap_local() for the same page
// twice gives you two different addresses"; fs/hfsplus/bnode.c
// hfs_bnode_move() in 6.1). The fix maps the page once when the pages are
// the same, or uses memcpy() when they provably differ.
//
// Reported: a call of an API with `moves` in rules/api (memmove and its
// FORTIFY/KASAN spellings) whose destination and source point into two
// different live mappings, not both kmap() ones (kmap() of one page gives
// one address), of pages the path does not know to differ (the constraint
// manager cannot exclude that the two page pointers are equal).
//
// False-positive policy: silent when the path established that the pages
// differ (`dpage != spage`), when one mapping serves both, and when the two
// offsets into their mappings are provably equal (on one page that is a
// copy of a range onto itself, which no direction corrupts). When the
// engine cannot tell (a page the map was given as a pfn, a comparison of
// the two pages the analyzer cannot express, the other side an address it
// lost while a local mapping was live), nothing is reported and --stats
// counts the memmove().
//
//===----------------------------------------------------------------------===//
#include "checks/AliasMemmoveCheck.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

// The page value each mapping of this path was made from, by address.
REGISTER_MAP_WITH_PROGRAMSTATE(AliasMapPage, clang::ento::SymbolRef,
                               clang::ento::SVal)
// When that value is unknown (the analyzer does not read an array element
// at a symbolic index: `kmap_local_page(*dst_page)` with dst_page =
// node->page + (off >> PAGE_SHIFT)), the address of the slot it was read
// from.
REGISTER_MAP_WITH_PROGRAMSTATE(AliasMapSlot, clang::ento::SymbolRef,
                               clang::ento::SVal)
// The most recent load of a page pointer: the expression and its slot (the
// variable holding the slot's address may be dead by the map call).
REGISTER_TRAIT_WITH_PROGRAMSTATE(AliasPageLoadExpr, const void *)
REGISTER_TRAIT_WITH_PROGRAMSTATE(AliasPageLoadSlot,
                                 const clang::ento::MemRegion *)

namespace kmapcheck {
using namespace clang;
using namespace clang::ento;

AliasMemmoveCheck::AliasMemmoveCheck(const CheckSpec &Spec,
                                     CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void AliasMemmoveCheck::onLocation(PathContext &P, SVal Loc, bool IsLoad,
                                   const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!IsLoad || !E || !Loc.getAsRegion())
    return;
  E = E->IgnoreParenImpCasts();
  QualType T = E->getType();
  const RecordDecl *RD =
      T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
  if (!RD || RD->getName() != "page")
    return;
  P.setState(P.state()->set<AliasPageLoadExpr>(E)->set<AliasPageLoadSlot>(
      Loc.getAsRegion()));
}

void AliasMemmoveCheck::afterCall(PathContext &P, const ApiCall &AC,
                                  const CallEvent &Call, SVal Ret) {
  const std::optional<MapSpec> &Map = AC.Entry->Map;
  if (!Map || Map->PageArg < 0 || unsigned(Map->PageArg) >= Call.getNumArgs())
    return;
  SymbolRef S = Ret.getAsSymbol();
  if (!S)
    return;
  SVal Page = Call.getArgSVal(Map->PageArg);
  ProgramStateRef St = P.state()->set<AliasMapPage>(S, Page);
  const Expr *Arg = Call.getArgExpr(Map->PageArg);
  if (Page.isUnknownOrUndef() && Arg &&
      St->get<AliasPageLoadExpr>() == Arg->IgnoreParenImpCasts())
    if (const MemRegion *Slot = St->get<AliasPageLoadSlot>())
      St = St->set<AliasMapSlot>(S, loc::MemRegionVal(Slot));
  P.setState(St);
}

/// The byte offset of \p V from the start of the mapping it points into
/// (its base symbolic region), or none when the region is not a chain of
/// elements over it.
static std::optional<NonLoc> offsetInMapping(SVal V, ProgramStateRef St,
                                             SValBuilder &SVB) {
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return std::nullopt;
  ASTContext &Ctx = SVB.getContext();
  NonLoc Off = SVB.makeArrayIndex(0);
  while (true) {
    R = R->StripCasts();
    if (isa<SymbolicRegion>(R))
      return Off;
    const auto *ER = dyn_cast<ElementRegion>(R);
    if (!ER)
      return std::nullopt;
    QualType T = ER->getElementType();
    if (T->isIncompleteType() && !T->isVoidType())
      return std::nullopt;
    CharUnits Size =
        T->isVoidType() ? CharUnits::One() : Ctx.getTypeSizeInChars(T);
    SVal Scaled = SVB.evalBinOpNN(St, BO_Mul, ER->getIndex(),
                                  SVB.makeArrayIndex(Size.getQuantity()),
                                  SVB.getArrayIndexType());
    SVal Sum = SVB.evalBinOpNN(St, BO_Add, Off, Scaled.castAs<NonLoc>(),
                               SVB.getArrayIndexType());
    auto N = Sum.getAs<NonLoc>();
    if (!N)
      return std::nullopt;
    Off = *N;
    R = ER->getSuperRegion();
  }
}

/// Whether \p A == \p B must hold on the path (false: it may not, or the
/// analyzer cannot tell).
static bool mustBeEqual(SVal A, SVal B, ProgramStateRef St, SValBuilder &SVB) {
  SVal Eq = SVB.evalEQ(St, A, B);
  auto D = Eq.getAs<DefinedOrUnknownSVal>();
  if (!D || D->isUnknown())
    return false;
  auto [T, F] = St->assume(*D);
  return T && !F;
}

void AliasMemmoveCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                   const CallEvent &Call) {
  const std::optional<MoveSpec> &Mv = AC.Entry->Moves;
  if (!Mv || Mv->Dst >= Call.getNumArgs() || Mv->Src >= Call.getNumArgs())
    return;
  ProgramStateRef St = P.state();
  SValBuilder &SVB = P.checker().getSValBuilder();
  SVal DstV = Call.getArgSVal(Mv->Dst), SrcV = Call.getArgSVal(Mv->Src);
  std::optional<MappingView> D = P.mappingOf(DstV), S = P.mappingOf(SrcV);
  auto LiveLocal = [](const std::optional<MappingView> &M) {
    return M && !M->Released && M->Kind != MapKind::Global;
  };
  if (!D || !S || D->Released || S->Released) {
    // One side is a live local mapping and the other an address the engine
    // lost while another local mapping was live: it may be that one.
    const std::optional<MappingView> &Known = LiveLocal(D) ? D : S;
    SVal Other = LiveLocal(D) ? SrcV : DstV;
    if (LiveLocal(Known) && madeUpByEngine(Other) && P.liveLocals().size() > 1)
      P.undecided(*this, Call.getOriginExpr());
    return;
  }
  if (D->Id == S->Id)
    return; // one mapping serves both: memmove() sees the overlap
  if (D->Kind == MapKind::Global && S->Kind == MapKind::Global)
    return; // kmap() of one page returns one address
  const SVal *DP = St->get<AliasMapPage>(D->Id);
  const SVal *SP = St->get<AliasMapPage>(S->Id);
  if (DP && SP && (DP->isUnknownOrUndef() || SP->isUnknownOrUndef())) {
    // The pages were read from slots the analyzer could not read: compare
    // the slots (one slot holds one page; two slots of a page array hold
    // different pages).
    DP = St->get<AliasMapSlot>(D->Id);
    SP = St->get<AliasMapSlot>(S->Id);
  }
  if (!DP || !SP || DP->isUnknownOrUndef() || SP->isUnknownOrUndef()) {
    P.undecided(*this, Call.getOriginExpr());
    return;
  }
  bool Same = D->Page && D->Page == S->Page;
  if (!Same) {
    SVal Eq = SVB.evalEQ(St, *DP, *SP);
    auto DEq = Eq.getAs<DefinedOrUnknownSVal>();
    if (!DEq || DEq->isUnknown()) {
      P.undecided(*this, Call.getOriginExpr());
      return;
    }
    auto [MayBeSame, MayDiffer] = St->assume(*DEq);
    if (!MayBeSame)
      return; // the path established that the pages differ
    Same = !MayDiffer;
  }
  // On one page, equal offsets make the copy a range onto itself.
  std::optional<NonLoc> DO = offsetInMapping(DstV, St, SVB);
  std::optional<NonLoc> SO = offsetInMapping(SrcV, St, SVB);
  if (DO && SO && mustBeEqual(*DO, *SO, St, SVB))
    return;
  std::vector<FindingNote> Notes{P.createdNote(*D), P.createdNote(*S)};
  P.involve(*D);
  P.involve(*S);
  std::string Pages =
      Same ? "of the same page" : "of pages that may be the same";
  P.report(*this, AC.NameLoc,
           AC.Spelled + "() between two local mappings " + Pages + " ('" +
               D->Name + "' and '" + S->Name +
               "'): each mapping has its own address, so " + AC.Spelled +
               "() cannot see an overlap",
           std::move(Notes));
}

} // namespace kmapcheck
