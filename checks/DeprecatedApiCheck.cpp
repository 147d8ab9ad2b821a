//===- DeprecatedApiCheck.cpp - kmap-deprecated-api -----------------------===//
//
// kmap() and kmap_atomic() are deprecated in favour of kmap_local_page().
// Every call of a deprecated API is reported. A fix-it converts a mapping
// together with its unmaps when the conversion is provably equivalent within
// the function:
//
//  * kmap_atomic(p) ... kunmap_atomic(a) -> kmap_local_page(p) ...
//    kunmap_local(a), inserting pagefault_disable()/preempt_disable() after
//    the map and the enables before each unmap when the section relies on
//    them (a user copy that must fail fast, per-CPU access), as the 2022
//    userfaultfd conversion did;
//  * kmap(p) ... kunmap(p) -> kmap_local_page(p) ... kunmap_local(a), only
//    when the address does not escape and the local mappings of the function
//    stay in stack order.
//
// Each function that calls the API is taken in four steps: its conversion
// units (DeprecatedApiUnits.h), why a unit cannot be converted
// (DeprecatedApiSafety.h, with what the engine's paths showed), the fix-its
// of the others (DeprecatedApiFix.h), and the reports below: one per call,
// the fix-it on a unit's first map, a note on every other call saying which
// fix-it converts it or why there is none.
//
//===----------------------------------------------------------------------===//
#include "checks/DeprecatedApiCheck.h"
#include "checks/DeprecatedApiFix.h"

#include "clang/Basic/SourceManager.h"

namespace kmapcheck {
using namespace clang;

DeprecatedApiCheck::DeprecatedApiCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {
  Fix.Kmap = boolOption("FixKmap");
  Fix.KmapAtomic = boolOption("FixKmapAtomic");
}

void DeprecatedApiCheck::run(TUContext &Ctx) {
  SourceManager &SM = Ctx.sm();
  RelianceAnalysis Reliance(Ctx);
  const TUIndex &Index = Ctx.index();
  for (const FunctionDecl *FD : Index.Functions) {
    if (!Index.CallsApi.count(FD))
      continue;
    if (!FD->getIdentifier() || Ctx.api().bodyIsModel(FD->getName()))
      continue; // the bodies of modeled functions are the model
    if (!Ctx.systemHeaders() &&
        SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
      continue;
    FunctionUnits FU(Ctx, FD);
    if (FU.Maps.empty() && FU.Unmaps.empty())
      continue;
    judgeUnits(FU, Facts, Fix);
    buildFixes(FU, Reliance);
    report(FU);
  }
}

void DeprecatedApiCheck::report(FunctionUnits &FU) {
  TUContext &Ctx = FU.Ctx;
  auto NoteAt = [&](Finding &F, SourceLocation L, std::string Msg) {
    F.Notes.push_back({Ctx.pos(L), std::move(Msg)});
  };
  for (auto &M : FU.Maps) {
    if (!isDeprecatedUse(M->C))
      continue;
    Finding F = makeFinding(Ctx, M->C.NameLoc,
                            apiName(M->C) + " is deprecated; use '" +
                                M->C.Entry->DeprecatedBy + "' instead");
    const ConversionUnit *U = FU.unitOf(M.get());
    if (!U)
      NoteAt(F, M->C.NameLoc,
             M->C.Entry->Map->Kind == MapKind::Global
                 ? "no fix-it: the address is not kept in a local variable, "
                   "and kunmap_local() needs it"
                 : "no fix-it: the address is not kept in a local variable "
                   "that the unmap can be matched with");
    else if (!U->NoFix.empty())
      NoteAt(F, U->NoFixLoc, "no fix-it: " + U->NoFix);
    else if (U->Maps.front() == M.get()) {
      F.Fixes = U->Fixes;
      for (FindingNote &N : fixNotes(Ctx, *U, *M))
        F.Notes.push_back(std::move(N));
    } else
      NoteAt(F, U->Maps.front()->C.NameLoc,
             "converted by the fix-it of the mapping here");
    Ctx.report(std::move(F));
  }
  for (auto &Un : FU.Unmaps) {
    if (!isDeprecatedUse(Un->C))
      continue;
    bool ByAddress = Un->C.Entry->Unmap->ArgIsAddress;
    Finding F = makeFinding(
        Ctx, Un->C.NameLoc,
        apiName(Un->C) + " is deprecated; use '" + Un->C.Entry->DeprecatedBy +
            "'" + (ByAddress ? " instead" : " on the mapped address instead"));
    const ConversionUnit *U = FU.unitOf(Un.get());
    if (!U)
      NoteAt(F, Un->C.NameLoc,
             ByAddress ? "no fix-it: the matching map is not in this function"
                       : "no fix-it: no kmap() of this page in this function "
                         "keeps its address in a local variable");
    else if (!U->NoFix.empty())
      NoteAt(F, U->NoFixLoc, "no fix-it: " + U->NoFix);
    else
      NoteAt(F, U->Maps.front()->C.NameLoc,
             "converted by the fix-it of the mapping created here");
    Ctx.report(std::move(F));
  }
}

} // namespace kmapcheck
