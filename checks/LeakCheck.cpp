//===- LeakCheck.cpp - kmap-leak ------------------------------------------===//
//
// A kmap()/kmap_local*()/kmap_atomic()/pte_offset_map() mapping still live
// when the function returns, on a feasible path. A mapping that escapes to
// the caller (returned, stored through an out-parameter or into memory that
// outlives the call) makes the function a mapper: callers in the TU inline it
// and are checked instead. For kmap() the page is the handle (kunmap() takes
// the page): returning the page of a live kmap() mapping, or storing it
// anywhere but in a local variable (*res_page = page, obj->page = page), hands
// the mapping on just as its address would (the fs/<fs>/dir.c helpers that
// return an entry and its mapped page).
//
// A local mapping made in an inlined helper and handed to no one when the
// helper returns (not returned, not stored where the caller can reach it) is
// reported there, once, not again at the exit of every caller.
//
// False-positive policy: only the top-level function's exits, and the exits
// of inlined calls for the mappings they drop, are judged; paths cut by the
// analysis bound are never reported; a mapping whose address, or for kmap()
// whose page, left the function is not this function's leak.
//
//===----------------------------------------------------------------------===//
#include "checks/LeakCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

// kmap() mappings whose page was stored where it outlives the function.
REGISTER_SET_WITH_PROGRAMSTATE(PagesHandedOn, clang::ento::SymbolRef)

namespace kmapcheck {
using namespace clang;
using namespace clang::ento;

LeakCheck::LeakCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

/// The live kmap() mappings of the page \p V points to.
static std::vector<MappingView> kmapsOfPage(PathContext &P, SVal V) {
  std::vector<MappingView> Out;
  const void *Page = pageKey(V);
  if (!Page)
    return Out;
  for (const MappingView &M : P.heldKmaps())
    if (M.Page == Page)
      Out.push_back(M);
  return Out;
}

void LeakCheck::onBind(PathContext &P, SVal Loc, SVal Val, const Stmt *S) {
  // A store to a local variable keeps the page in the function.
  if (const MemRegion *R = Loc.getAsRegion())
    if (const auto *VR = dyn_cast<VarRegion>(R->getBaseRegion()))
      if (isa<StackLocalsSpaceRegion>(VR->getMemorySpace()))
        return;
  ProgramStateRef St = P.state();
  for (const MappingView &M : kmapsOfPage(P, Val))
    St = St->add<PagesHandedOn>(M.Id);
  P.setState(St);
}

void LeakCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  SourceLocation At =
      RS ? RS->getBeginLoc()
         : cast<CompoundStmt>(P.topFunction()->getBody())->getRBracLoc();
  std::vector<MappingView> Returned;
  if (RS && RS->getRetValue())
    Returned = kmapsOfPage(
        P, P.state()->getSVal(RS->getRetValue(),
                              P.checker().getLocationContext()));
  for (const MappingView &M : P.allMappings()) {
    if (M.Released || M.Escaped || P.state()->contains<PagesHandedOn>(M.Id))
      continue;
    if (llvm::any_of(Returned,
                     [&](const MappingView &R) { return R.Id == M.Id; }))
      continue;
    P.involve(M);
    P.report(*this, At,
             "mapping of '" + M.Name + "' is still live when '" +
                 P.topFunction()->getNameAsString() + "' returns",
             {P.createdNote(M)});
  }
}

void LeakCheck::atInlinedFunctionEnd(PathContext &P, const FunctionDecl *FD,
                                     const ReturnStmt *RS,
                                     const std::vector<MappingView> &Dropped) {
  // A helper that drops a mapping leaks it: reported there, once, not in
  // every caller that inlines it.
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!RS && !Body)
    return;
  SourceLocation At = RS ? RS->getBeginLoc() : Body->getRBracLoc();
  for (const MappingView &M : Dropped)
    P.report(*this, At,
             "mapping of '" + M.Name + "' is still live when '" +
                 FD->getNameAsString() + "' returns",
             {P.createdNote(M)});
}

} // namespace kmapcheck
