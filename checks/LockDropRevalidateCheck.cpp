//===- LockDropRevalidateCheck.cpp - lock-drop-revalidate -----------------===//
//
// The other half of seed 000: dropping kmap_lock around the flush lets other
// tasks change what it guards (pkmap_count, pkmap_page_table, last_pkmap_nr,
// the page -> address table). kmap_high() found page_address(page) == NULL
// under the lock; if map_new_virtual() -> flush_all_zero_pkmaps() drops and
// re-takes the lock, another task may map the page meanwhile, and the first
// maps it a second time. The sleeping path of map_new_virtual() does it
// right: after re-taking the lock it re-reads page_address(page).
//
// Reported: a write of guarded data (a declared accessor's write, or a store
// to a guarded variable) after its lock was dropped and re-taken on this
// path, when it relies on a decision taken on, or a value computed from,
// guarded data read before the drop. A re-read after the re-take silences
// it. Lock, guarded data and accessors come from rules/locks/.
//
// False-positive policy: only locks, guarded data and accessors declared in
// rules/locks/ are considered. A write is reported only when, on this path, it
// depends (through a decision or a value) on guarded data read before the lock
// was dropped and re-taken; a re-read after the re-take clears that data, and
// writes to data no lock declares guarded are never reported.
//
//===----------------------------------------------------------------------===//
#include "checks/LockDropRevalidateCheck.h"

namespace kmapcheck {
using namespace clang;

LockDropRevalidateCheck::LockDropRevalidateCheck(const CheckSpec &Spec,
                                                 CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void LockDropRevalidateCheck::onStaleGuardedUse(PathContext &P,
                                                const StaleGuardedUse &U) {
  std::vector<FindingNote> Notes;
  if (U.ReadSite)
    Notes.push_back(
        P.note(U.ReadSite->getBeginLoc(),
               "'" + U.What + "' read under '" + U.Lock + "' here"));
  if (U.BranchSite)
    Notes.push_back(P.note(U.BranchSite->getBeginLoc(),
                           "decision taken on '" + U.What + "' here"));
  if (U.ReleaseSite)
    Notes.push_back(P.note(
        U.ReleaseSite->getBeginLoc(),
        "'" + U.Lock + "' released here" +
            (U.DropChain.empty() ? std::string() : " in " + U.DropChain)));
  if (U.ReacquireSite)
    Notes.push_back(P.note(U.ReacquireSite->getBeginLoc(),
                           "'" + U.Lock + "' re-taken here"));
  // The message names the function that drops the lock; the note gives the
  // whole call chain (the same drop is reached from several callers).
  std::string Where = U.DropChain.substr(0, U.DropChain.find(" ("));
  std::string Msg = U.Use + " relies on '" + U.What + "' read before '" +
                    U.Lock + "' was dropped" +
                    (Where.empty() ? std::string() : " in " + Where) +
                    " and re-taken; other tasks may have changed it: re-read "
                    "it after re-taking the lock";
  P.report(*this, U.UseSite->getBeginLoc(), Msg, std::move(Notes));
}

} // namespace kmapcheck
