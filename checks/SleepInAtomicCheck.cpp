//===- SleepInAtomicCheck.cpp - kmap-sleep-in-atomic ----------------------===//
//
// A call the model marks might_sleep (kmap, mutex_lock, schedule, ...) or a
// user copy while page faults are enabled, inside a kmap_atomic() section,
// with preemption or page faults disabled, a spinlock held, or IRQs off on
// this path. A user copy with page faults disabled fails fast instead of
// sleeping: not a report.
//
// False-positive policy: sleep points are only the calls the API model marks
// might_sleep and user copies with page faults enabled; atomic context is only
// what this path shows (a kmap_atomic() section, a held spinlock, IRQs,
// preemption or page faults disabled). Held sleeping locks (mutexes, rwsems)
// are not atomic context.
//
//===----------------------------------------------------------------------===//
#include "checks/SleepInAtomicCheck.h"

namespace kmapcheck {
using namespace clang;

SleepInAtomicCheck::SleepInAtomicCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void SleepInAtomicCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                    const ento::CallEvent &Call) {
  const ApiEntry &E = *AC.Entry;
  bool UserCopySleeps = E.UserCopy && P.pagefaultDepth() <= 0;
  if (!E.MightSleep && !UserCopySleeps)
    return;
  std::string Why;
  std::vector<FindingNote> Notes;
  for (const MappingView &M : P.liveLocals())
    if (M.Kind == MapKind::Atomic) {
      Why = "inside the kmap_atomic() section of '" + M.Name + "'";
      Notes.push_back(P.createdNote(M));
      P.involve(M);
      break;
    }
  if (Why.empty()) {
    std::vector<LockView> Locks;
    for (const LockView &L : P.heldLocks())
      if (!L.Sleeping)
        Locks.push_back(L);
    if (!Locks.empty()) {
      Why = "while holding spinlock '" + Locks.front().Name + "'";
      P.involve(Locks.front());
      if (Locks.front().Site)
        Notes.push_back(P.note(Locks.front().Site->getBeginLoc(),
                               "'" + Locks.front().Name + "' taken here"));
    } else if (P.irqOffDepth() > 0) {
      Why = "with IRQs disabled";
      P.involveDepth(Effect::IrqDisable);
    } else if (P.preemptDepth() > 0) {
      Why = "with preemption disabled";
      P.involveDepth(Effect::PreemptDisable);
    } else if (P.pagefaultDepth() > 0 && !E.UserCopy) {
      Why = "with page faults disabled";
      P.involveDepth(Effect::PagefaultDisable);
    }
  }
  if (Why.empty())
    return;
  std::string What = E.UserCopy ? "'" + AC.Spelled +
                                      "' may sleep to fault pages in (page "
                                      "faults are enabled)"
                                : "'" + AC.Spelled + "' may sleep";
  P.report(*this, AC.NameLoc, What + "; called " + Why, std::move(Notes));
}

} // namespace kmapcheck
