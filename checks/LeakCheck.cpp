//===- LeakCheck.cpp - kmap-leak ------------------------------------------===//
//
// A kmap()/kmap_local*()/kmap_atomic()/pte_offset_map() mapping still live
// when the function returns, on a feasible path. A mapping that escapes to
// the caller (returned, stored through an out-parameter or into memory that
// outlives the call) makes the function a mapper: callers in the TU inline it
// and are checked instead.
//
// A local mapping made in an inlined helper and handed to no one when the
// helper returns (not returned, not stored where the caller can reach it) is
// reported there, once, not again at the exit of every caller.
//
// False-positive policy: only the top-level function's exits, and the exits
// of inlined calls for the mappings they drop, are judged; paths cut by the
// analysis bound are never reported.
//
//===----------------------------------------------------------------------===//
#include "checks/LeakCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace kmapcheck {
using namespace clang;

LeakCheck::LeakCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void LeakCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  SourceLocation At =
      RS ? RS->getBeginLoc()
         : cast<CompoundStmt>(P.topFunction()->getBody())->getRBracLoc();
  for (const MappingView &M : P.allMappings()) {
    if (M.Released || M.Escaped)
      continue;
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
