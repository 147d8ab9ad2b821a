//===- UseAfterUnmapCheck.cpp - kmap-use-after-unmap ----------------------===//
//
// A load or store through an address (or a pointer derived from it) after
// its mapping was released on this path. Reported once per mapping and path.
//
// False-positive policy: only loads and stores through the address a map on
// this path returned (or a pointer derived from it) after that mapping was
// released on the same path; reported once per mapping and path.
//
//===----------------------------------------------------------------------===//
#include "checks/UseAfterUnmapCheck.h"

namespace kmapcheck {
using namespace clang;

UseAfterUnmapCheck::UseAfterUnmapCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void UseAfterUnmapCheck::onAccessAfterUnmap(PathContext &P,
                                            const MappingView &M,
                                            const Stmt *S) {
  std::vector<FindingNote> Notes{P.createdNote(M)};
  if (M.UnmapSite)
    Notes.push_back(
        P.note(M.UnmapSite->getBeginLoc(), "'" + M.Name + "' released here"));
  P.report(*this, S->getBeginLoc(),
           "'" + M.Name + "' is used after its mapping was released",
           std::move(Notes));
}

} // namespace kmapcheck
