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
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

// The mappings whose use after unmap this path already reported.
REGISTER_SET_WITH_PROGRAMSTATE(ReportedUseAfterUnmap, clang::ento::SymbolRef)

namespace kmapcheck {
using namespace clang;

UseAfterUnmapCheck::UseAfterUnmapCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void UseAfterUnmapCheck::onLocation(PathContext &P, ento::SVal Loc,
                                    bool IsLoad, const Stmt *S) {
  std::optional<MappingView> Used = P.mappingOf(Loc);
  if (!Used || !Used->Released ||
      P.state()->contains<ReportedUseAfterUnmap>(Used->Id))
    return;
  const MappingView &M = *Used;
  std::vector<FindingNote> Notes{P.createdNote(M)};
  if (M.UnmapSite)
    Notes.push_back(
        P.note(M.UnmapSite->getBeginLoc(), "'" + M.Name + "' released here"));
  P.involve(M);
  P.report(*this, S->getBeginLoc(),
           "'" + M.Name + "' is used after its mapping was released",
           std::move(Notes));
  P.setState(P.state()->add<ReportedUseAfterUnmap>(M.Id));
}

} // namespace kmapcheck
