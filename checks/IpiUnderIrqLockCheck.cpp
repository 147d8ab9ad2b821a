//===- IpiUnderIrqLockCheck.cpp - ipi-under-irq-lock ----------------------===//
//
// flush_tlb_kernel_range(), on_each_cpu(..., wait=1), smp_call_function*()
// wait until every other CPU has taken an IPI. A CPU takes an IPI only with
// IRQs on. If this CPU holds a lock L while it waits, and another CPU spins
// on L with IRQs off, neither proceeds: deadlock (mm/highmem.c:
// flush_all_zero_pkmaps() under kmap_lock with ARCH_NEEDS_KMAP_HIGH_GET, as a
// 2024 review of a patch to it found).
//
// Reported: such a wait while, on this path, IRQs are disabled, or a lock is
// held that is taken with IRQs off on this path, elsewhere in the TU, or in a
// configuration its declaration names (rules/locks/: irq_off_in).
//
// False-positive policy: a wait whose wait argument is known to be zero is
// not a wait; locks not known to be taken with IRQs off anywhere are fine.
//
//===----------------------------------------------------------------------===//
#include "checks/IpiUnderIrqLockCheck.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "llvm/ADT/StringExtras.h"

namespace kmapcheck {
using namespace clang;
using namespace clang::ento;

IpiUnderIrqLockCheck::IpiUnderIrqLockCheck(const CheckSpec &Spec,
                                           CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void IpiUnderIrqLockCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                      const CallEvent &Call) {
  const ApiEntry &E = *AC.Entry;
  if (!E.WaitsForIpi)
    return;
  if (E.WaitsForIpi->WaitArg >= 0 &&
      unsigned(E.WaitsForIpi->WaitArg) < Call.getNumArgs()) {
    SVal W = Call.getArgSVal(E.WaitsForIpi->WaitArg);
    if (auto CI = W.getAs<nonloc::ConcreteInt>())
      if (CI->getValue() == 0)
        return; // wait = 0: it does not wait
  }
  std::string Fn = "'" + AC.Spelled + "'";
  std::vector<LockView> Locks = P.heldLocks();
  // A lock held with IRQs off on this path.
  for (const LockView &L : Locks)
    if (L.IrqOff) {
      std::vector<FindingNote> Notes;
      if (L.Site)
        Notes.push_back(
            P.note(L.Site->getBeginLoc(),
                   "'" + L.Name + "' taken with IRQs disabled here"));
      P.involve(L);
      P.report(*this, AC.NameLoc,
               Fn + " waits for other CPUs to take an IPI while '" + L.Name +
                   "' is held with IRQs disabled; a CPU spinning on '" +
                   L.Name + "' with IRQs off never takes it: deadlock",
               std::move(Notes));
      return;
    }
  // A lock taken with IRQs off elsewhere: in this TU or by declaration.
  for (const LockView &L : Locks) {
    if (L.Sleeping)
      continue;
    std::string Name = L.Decl ? L.Decl->getNameAsString() : L.Name;
    std::vector<FindingNote> Notes;
    if (L.Site)
      Notes.push_back(
          P.note(L.Site->getBeginLoc(), "'" + Name + "' taken here"));
    if (auto Where = L.Decl ? P.takenWithIrqsOffAt(L.Decl) : std::nullopt) {
      Notes.push_back(
          P.note(*Where, "'" + Name + "' taken with IRQs disabled here"));
      P.involve(L);
      P.report(*this, AC.NameLoc,
               Fn + " waits for other CPUs to take an IPI while holding '" +
                   Name +
                   "', which this file also takes with IRQs "
                   "disabled; a CPU spinning on it with IRQs off never "
                   "takes the IPI: deadlock",
               std::move(Notes));
      return;
    }
    if (const LockDecl *D = P.tu().locks().byName(Name))
      if (!D->IrqOffIn.empty()) {
        P.involve(L);
        P.report(*this, AC.NameLoc,
                 Fn + " waits for other CPUs to take an IPI while holding '" +
                     Name + "'; on configurations with " +
                     llvm::join(D->IrqOffIn, " or ") + ", " + Name +
                     " is taken with IRQs disabled, and a CPU spinning on it "
                     "never takes the IPI: deadlock",
                 std::move(Notes));
        return;
      }
  }
  if (P.irqOffDepth() > 0) {
    P.involveDepth(Effect::IrqDisable);
    P.report(*this, AC.NameLoc,
             Fn + " waits for other CPUs to take an IPI with IRQs disabled "
                  "on this CPU");
  }
}

} // namespace kmapcheck
