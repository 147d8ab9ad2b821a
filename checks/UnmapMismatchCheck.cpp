//===- UnmapMismatchCheck.cpp - kmap-unmap-mismatch -----------------------===//
//
// kunmap() takes the page; kunmap_local()/kunmap_atomic() take an address
// inside the mapped page (any address in it is valid). Reported: kunmap()
// given an address, an address unmap given a struct page pointer or the
// address of a variable, the wrong family (kmap_atomic + kunmap_local leaves
// page faults and preemption disabled; kmap + kunmap_local; kmap_local +
// kunmap), a double unmap, an address past the mapped page (the page size
// is rules/api's page_size), and a cursor into the mapping that can lie
// outside the page: one a callee advanced (zlib_inflate() moves
// strm->next_out up to the end of its window: rules/api 'advances'; an
// increment in a TU-local body), or base + off where off's range reaches
// the page size (core/engine/CursorModel.cpp).
//
// False-positive policy: an address no map on this path returned (a
// parameter, a value loaded from memory) is never reported; a symbolic
// offset is reported only when every part of it has a known bound and the
// path allows it to reach the page size (an unbounded offset is silent).
//
//===----------------------------------------------------------------------===//
#include "checks/UnmapMismatchCheck.h"

namespace kmapcheck {
using namespace clang;

UnmapMismatchCheck::UnmapMismatchCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

static std::string familyName(MapKind K) {
  switch (K) {
  case MapKind::Local:
    return "kmap_local_page()";
  case MapKind::Atomic:
    return "kmap_atomic()";
  case MapKind::Global:
    return "kmap()";
  }
  return "";
}

void UnmapMismatchCheck::beforeUnmap(PathContext &P, const ApiCall &AC,
                                     const UnmapTarget &T) {
  const UnmapSpec &U = *AC.Entry->Unmap;
  std::string Fn = "'" + AC.Spelled + "'";
  if (!U.ArgIsAddress) {
    if (!T.Mapping)
      return;
    const MappingView &M = *T.Mapping;
    if (!T.Page && M.Kind != MapKind::Global) {
      P.involve(M);
      P.report(*this, AC.NameLoc,
               Fn + " takes the page, not the mapped address '" + M.Name +
                   "'; release a " + familyName(M.Kind) +
                   " mapping with kunmap_local()",
               {P.createdNote(M)});
      return;
    }
    if (!T.Page) {
      P.involve(M);
      P.report(*this, AC.NameLoc,
               Fn + " takes the page, not the mapped address '" + M.Name + "'",
               {P.createdNote(M)});
      return;
    }
    if (M.Kind != MapKind::Global) {
      P.involve(M);
      P.report(*this, AC.NameLoc,
               Fn + " of a page mapped with " + familyName(M.Kind) +
                   "; release it with kunmap_local('" + M.Name + "')",
               {P.createdNote(M)});
    }
    return;
  }
  if (T.ArgIsPagePointer && !T.Mapping) {
    P.report(*this, AC.NameLoc,
             Fn + " given a struct page pointer; it takes the address the map "
                  "returned");
    return;
  }
  if (T.ArgIsLocalObject && !T.Mapping) {
    P.report(*this, AC.NameLoc,
             Fn + " given the address of a variable, which no map returned");
    return;
  }
  if (!T.Mapping)
    return;
  const MappingView &M = *T.Mapping;
  if (M.Released) {
    std::vector<FindingNote> Notes{P.createdNote(M)};
    if (M.UnmapSite)
      Notes.push_back(P.note(M.UnmapSite->getBeginLoc(),
                             "'" + M.Name + "' first released here"));
    P.involve(M);
    P.report(*this, AC.NameLoc, "double unmap of '" + M.Name + "'",
             std::move(Notes));
    return;
  }
  if (M.Kind != U.Kind) {
    std::string Why;
    if (M.Kind == MapKind::Atomic && U.Kind == MapKind::Local)
      Why = ": page faults and preemption stay disabled";
    else if (M.Kind == MapKind::Local && U.Kind == MapKind::Atomic)
      Why = ": it enables page faults and preemption that were never disabled";
    else if (M.Kind == MapKind::Global)
      Why = ": a kmap() mapping is released with kunmap(page)";
    P.involve(M);
    P.report(*this, AC.NameLoc,
             familyName(M.Kind) + " mapping of '" + M.Name +
                 "' released with " + Fn + Why,
             {P.createdNote(M)});
    return;
  }
  // The page size is the model's (rules/api page_size); without one, only
  // an address before the mapping is known to be outside it.
  const int64_t PageSize = int64_t(P.api().pageSize());
  // A cursor that moved (a callee advanced it, or an increment), or an
  // offset whose range reaches the page's end: the largest offset it can
  // have here.
  std::optional<int64_t> Past;
  if (T.OffsetKnown && T.MovedAt && PageSize && T.Offset >= PageSize)
    Past = T.Offset;
  else if (!T.OffsetKnown && T.MaxOffset && PageSize &&
           *T.MaxOffset >= PageSize)
    Past = *T.MaxOffset;
  if (Past) {
    std::string Arg = "the address";
    if (U.Arg < AC.Call->getNumArgs())
      Arg = "'" + P.exprText(AC.Call->getArg(U.Arg)->IgnoreParenImpCasts()) +
            "'";
    std::string How;
    if (!T.MovedBy.empty())
      How = T.MovedBy + " advances it";
    else if (T.MovedAt)
      How = "the cursor was advanced";
    else
      How = "the offset's range reaches the page size";
    std::vector<FindingNote> Notes{P.createdNote(M)};
    if (T.MovedAt)
      Notes.push_back(P.note(T.MovedAt->getBeginLoc(), T.MovedNote));
    P.involve(M);
    P.report(*this, AC.NameLoc,
             Fn + " given " + Arg + ", which can point " +
                 std::to_string(*Past) + " bytes past the start of mapping '" +
                 M.Name + "', outside the mapped page: " + How,
             std::move(Notes));
    return;
  }
  if (T.OffsetKnown && (T.Offset < 0 || (PageSize && T.Offset >= PageSize))) {
    P.involve(M);
    P.report(*this, AC.NameLoc,
             Fn + " given an address " + std::to_string(T.Offset) +
                 " bytes from the start of '" + M.Name +
                 "', outside the mapped page",
             {P.createdNote(M)});
  }
}

} // namespace kmapcheck
