//===- PoolDeadlockCheck.cpp - kmap-pool-deadlock -------------------------===//
//
// kmap() takes an entry of one shared pool of LAST_PKMAP entries (512 or 1024
// on the 32-bit HIGHMEM configurations) and, when every entry is taken,
// sleeps until another task releases one. A task that holds one kmap()
// mapping while it waits for another can deadlock: enough tasks doing the
// same exhaust the pool, each holding an entry the others wait for (the 2001
// pte-highmem discussion, seed 002: "double PAGETABLE kmap in a raw" in
// mremap). Reported: kmap() while this path holds a kmap() mapping of another
// page, unless the option ClassOrder allows the nesting: a comma-separated
// order of mapping classes, each matched against the text of the page
// expression ("src,dst": a dst* page may be mapped while holding a src* page,
// never the reverse).
//
// False-positive policy (what is not reported, and why):
//  - Nested kmap() is reported even though a deadlock needs many tasks at
//    once: that is the hazard, and kmap_local_page() removes it.
//  - Only pool mappings count, held and new: kmap_local*() and kmap_atomic()
//    take no pool entry.
//  - Only mappings this path made (in the analysed function or the helpers
//    it inlines) count as held; a mapping the caller holds is not known.
//  - kmap() of the page a held mapping already maps is not reported: the
//    pool entry is reused (kmap_high() finds page_address(page) and counts
//    it), so the task waits for no new entry.
//  - A nesting the declared ClassOrder allows is not reported.
//  - One report per call, naming the first held mapping.
//
//===----------------------------------------------------------------------===//
#include "checks/PoolDeadlockCheck.h"
#include "core/StmtUtils.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
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
  const void *NewPage = nullptr;
  int PageArg = AC.Entry->Map->PageArg;
  if (PageArg >= 0 && unsigned(PageArg) < Call.getNumArgs())
    NewPage = pageKey(Call.getArgSVal(PageArg));
  for (const MappingView &H : Held) {
    if (NewPage && H.Page == NewPage)
      continue; // the page's pool entry is reused
    int HeldClass = -1;
    if (const auto *HC = dyn_cast<CallExpr>(H.MapSite))
      HeldClass = ClassOf(pageText(P, HC, H.Entry->Map->PageArg));
    if (NewClass >= 0 && HeldClass >= 0 && HeldClass < NewClass)
      continue; // allowed by the declared order
    P.involve(H);
    P.report(*this, AC.NameLoc,
             "'" + AC.Spelled +
                 "' while this path holds the kmap() mapping of '" + H.Name +
                 "': the kmap() pool has LAST_PKMAP entries, and tasks that "
                 "each hold one while waiting for another can exhaust it "
                 "and wait for each other forever",
             {P.createdNote(H)});
    return;
  }
}

} // namespace kmapcheck
