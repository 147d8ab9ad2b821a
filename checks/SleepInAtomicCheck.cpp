//===- SleepInAtomicCheck.cpp - kmap-sleep-in-atomic ----------------------===//
//
// A call the model marks might_sleep (kmap, mutex_lock, schedule, vmalloc,
// ...), an allocation whose GFP flags allow direct reclaim (might_sleep_if:
// GFP_KERNEL, GFP_NOFS, ...; not GFP_ATOMIC or GFP_NOWAIT), or a user copy
// while page faults are enabled, inside a kmap_atomic() section,
// with preemption or page faults disabled, a spinlock held, or IRQs off on
// this path. A user copy with page faults disabled fails fast instead of
// sleeping: not a report.
//
// False-positive policy: sleep points are only the calls the API model marks
// might_sleep, allocations whose flags are a constant with the direct-reclaim
// bit on this path (unknown flags are counted in --stats, not reported), and
// user copies with page faults enabled; atomic context is only
// what this path shows (a kmap_atomic() section, a held spinlock, IRQs,
// preemption or page faults disabled). Held sleeping locks (mutexes, rwsems)
// are not atomic context. A function of another TU sleeps when its summary
// says some path of it reaches such a call (its arguments are not followed
// across TUs); the finding names the calls.
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
  if (!E.MightSleep && E.SleepGfpArg < 0 && !UserCopySleeps)
    return;
  // An allocation sleeps by its flags, where the path knows them.
  std::optional<bool> Sleeps = true;
  bool ByFlags = !E.MightSleep && !UserCopySleeps;
  if (ByFlags) {
    Sleeps = P.callSleeps(AC, Call, /*CountUnknown=*/false);
    if (Sleeps && !*Sleeps)
      return;
  }
  // The atomic context, the first that applies; what makes it so is
  // involved in the report only when there is one.
  std::string Why;
  const MappingView *Atomic = nullptr;
  std::vector<MappingView> Live = P.liveLocals();
  for (const MappingView &M : Live)
    if (M.Kind == MapKind::Atomic) {
      Atomic = &M;
      Why = "inside the kmap_atomic() section of '" + M.Name + "'";
      break;
    }
  std::optional<LockView> Spin;
  std::optional<Effect> Depth;
  if (Why.empty()) {
    for (const LockView &L : P.heldLocks())
      if (!L.Sleeping) {
        Spin = L;
        break;
      }
    if (Spin) {
      Why = "while holding spinlock '" + Spin->Name + "'";
    } else if (P.irqOffDepth() > 0) {
      Why = "with IRQs disabled";
      Depth = Effect::IrqDisable;
    } else if (P.preemptDepth() > 0) {
      Why = "with preemption disabled";
      Depth = Effect::PreemptDisable;
    } else if (P.pagefaultDepth() > 0 && !E.UserCopy) {
      Why = "with page faults disabled";
      Depth = Effect::PagefaultDisable;
    }
  }
  if (Why.empty())
    return;
  if (!Sleeps) {
    P.callSleeps(AC, Call, /*CountUnknown=*/true); // counted, not judged
    return;
  }
  std::vector<FindingNote> Notes;
  if (AC.Summary) // it sleeps in another TU: through which calls
    Notes.push_back(
        P.note(AC.NameLoc, describeSleepChain(AC.Spelled, *AC.Summary)));
  if (Atomic) {
    Notes.push_back(P.createdNote(*Atomic));
    P.involve(*Atomic);
  } else if (Spin) {
    P.involve(*Spin);
    if (Spin->Site)
      Notes.push_back(
          P.note(Spin->Site->getBeginLoc(), "'" + Spin->Name + "' taken here"));
  } else if (Depth) {
    P.involveDepth(*Depth);
  }
  std::string What =
      UserCopySleeps
          ? "'" + AC.Spelled +
                "' may sleep to fault pages in (page faults are enabled)"
      : ByFlags ? "'" + AC.Spelled +
                      "' may sleep (its GFP flags allow direct reclaim)"
                : "'" + AC.Spelled + "' may sleep";
  P.report(*this, AC.NameLoc, What + "; called " + Why, std::move(Notes));
}

void SleepInAtomicCheck::beforeSummarizedCall(PathContext &P, const ApiCall &AC,
                                              const ento::CallEvent &Call) {
  beforeCall(P, AC, Call);
}

} // namespace kmapcheck
