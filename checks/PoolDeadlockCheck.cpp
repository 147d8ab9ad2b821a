//===- PoolDeadlockCheck.cpp - kmap-pool-deadlock -------------------------===//
//
// kmap() takes an entry of a small shared pool and sleeps when it is empty.
// A task holding one kmap() mapping while waiting for another can deadlock
// with a task doing the same (the 2001 pte-highmem discussion). Reported: kmap() while this
// path already holds a kmap() mapping, unless the option ClassOrder allows
// the nesting: a comma-separated order of mapping classes, each matched
// against the name of the page expression ("src,dst": a dst* page may be
// mapped while holding a src* page, never the reverse).
//
// False-positive policy: only kmap() pool mappings count, the held one and the
// new one, on this path (local and atomic mappings take no pool entry); a
// nesting the declared ClassOrder allows is not reported; one report per call.
//
//===----------------------------------------------------------------------===//
#include "checks/PoolDeadlockCheck.h"
#include "core/StmtUtils.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

namespace kmapcheck {
using namespace clang;

PoolDeadlockCheck::PoolDeadlockCheck(const CheckSpec &Spec,
                                     CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(option("ClassOrder")).split(Parts, ',', -1, false);
  for (llvm::StringRef C : Parts)
    ClassOrder.push_back(C.trim().str());
}

static std::string pageText(PathContext &P, const CallExpr *CE, int Arg) {
  if (Arg < 0 || unsigned(Arg) >= CE->getNumArgs())
    return "";
  return sourceText(P.tu().ast(), CE->getArg(Arg)->getSourceRange());
}

void PoolDeadlockCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                   const ento::CallEvent &Call) {
  if (!AC.Entry->Map || AC.Entry->Map->Kind != MapKind::Global)
    return;
  std::vector<MappingView> Held = P.heldKmaps();
  if (Held.empty())
    return;
  auto ClassOf = [&](const std::string &Text) {
    for (size_t I = 0; I < ClassOrder.size(); ++I)
      if (llvm::StringRef(Text).contains(ClassOrder[I]))
        return int(I);
    return -1;
  };
  int NewClass = ClassOf(pageText(P, AC.Call, AC.Entry->Map->PageArg));
  for (const MappingView &H : Held) {
    int HeldClass = -1;
    if (const auto *HC = dyn_cast<CallExpr>(H.MapSite))
      HeldClass = ClassOf(pageText(P, HC, H.Entry->Map->PageArg));
    if (NewClass >= 0 && HeldClass >= 0 && HeldClass < NewClass)
      continue; // allowed by the declared order
    P.report(*this, AC.NameLoc,
             "'" + AC.Spelled +
                 "' while this path holds the kmap() mapping "
                 "of '" +
                 H.Name +
                 "': with the pool exhausted, tasks doing this "
                 "wait for each other forever",
             {P.createdNote(H)});
    return;
  }
}

} // namespace kmapcheck
