//===- StackDepthCheck.cpp - kmap-stack-depth -----------------------------===//
//
// Each task has KM_MAX_IDX local-mapping slots (16 on most configurations);
// more live local/atomic mappings on one path overflow the stack.
//
// False-positive policy: only local and atomic mappings live together on one
// path count (kmap() uses the pool, not the stack; released mappings do not
// count); reported at the map that makes KM_MAX_IDX + 1 live on the path.
//
//===----------------------------------------------------------------------===//
#include "checks/StackDepthCheck.h"

namespace kmapcheck {
using namespace clang;

StackDepthCheck::StackDepthCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {
  MaxDepth = intOption("KM_MAX_IDX", 16);
}

void StackDepthCheck::afterMap(PathContext &P, const ApiCall &AC,
                               const MappingView &M) {
  if (M.Kind == MapKind::Global)
    return;
  std::vector<MappingView> Live = P.liveLocals();
  if (int(Live.size()) != MaxDepth + 1)
    return;
  for (const MappingView &L : Live)
    P.involve(L);
  P.report(*this, AC.NameLoc,
           std::to_string(Live.size()) +
               " live local mappings on this path; the per-task stack holds "
               "KM_MAX_IDX (" +
               std::to_string(MaxDepth) + ")",
           {P.createdNote(Live.back())});
}

} // namespace kmapcheck
