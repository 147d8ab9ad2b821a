//===- CheckRegistry.cpp --------------------------------------------------===//
#include "checks/CheckRegistry.h"
#include "checks/AliasMemmoveCheck.h"
#include "checks/DeprecatedApiCheck.h"
#include "checks/IpiUnderIrqLockCheck.h"
#include "checks/LeakCheck.h"
#include "checks/LocalEscapeCheck.h"
#include "checks/LocalOrderCheck.h"
#include "checks/LockDropRevalidateCheck.h"
#include "checks/MissingPagefaultDisableCheck.h"
#include "checks/PagefaultBalanceCheck.h"
#include "checks/PoolDeadlockCheck.h"
#include "checks/PreemptBalanceCheck.h"
#include "checks/SleepInAtomicCheck.h"
#include "checks/StackDepthCheck.h"
#include "checks/UnmapMismatchCheck.h"
#include "checks/UseAfterUnmapCheck.h"
#include "llvm/ADT/StringRef.h"

namespace kmapcheck {

template <typename T>
static std::unique_ptr<Check> create(const CheckSpec &Spec, CheckOptions O) {
  return std::make_unique<T>(Spec, std::move(O));
}

// The one place a check id is registered in code. rules/checks/<id>.yaml
// repeats it; verifyRegistry() rejects a mismatch.
static const RegisteredCheck Registry[] = {
    {"kmap-deprecated-api", &create<DeprecatedApiCheck>},
    {"kmap-local-order", &create<LocalOrderCheck>},
    {"kmap-leak", &create<LeakCheck>},
    {"kmap-unmap-mismatch", &create<UnmapMismatchCheck>},
    {"kmap-use-after-unmap", &create<UseAfterUnmapCheck>},
    {"kmap-alias-memmove", &create<AliasMemmoveCheck>},
    {"kmap-local-escape", &create<LocalEscapeCheck>},
    {"kmap-stack-depth", &create<StackDepthCheck>},
    {"kmap-pool-deadlock", &create<PoolDeadlockCheck>},
    {"kmap-sleep-in-atomic", &create<SleepInAtomicCheck>},
    {"pagefault-balance", &create<PagefaultBalanceCheck>},
    {"preempt-balance", &create<PreemptBalanceCheck>},
    {"kmap-local-missing-pagefault-disable",
     &create<MissingPagefaultDisableCheck>},
    {"ipi-under-irq-lock", &create<IpiUnderIrqLockCheck>},
    {"lock-drop-revalidate", &create<LockDropRevalidateCheck>},
};

llvm::ArrayRef<RegisteredCheck> registeredChecks() { return Registry; }

llvm::Error verifyRegistry(const RuleSet &Rules) {
  for (const RegisteredCheck &R : Registry)
    if (!Rules.Checks.count(R.Id))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "check '%s' is implemented but rules/checks/%s.yaml was not found",
          R.Id, R.Id);
  for (const auto &KV : Rules.Checks) {
    bool Known = false;
    for (const RegisteredCheck &R : Registry)
      Known |= KV.first == R.Id;
    if (!Known)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "%s:%u:%u: no check with id '%s' is implemented",
          KV.second.SourceFile.c_str(), KV.second.IdLine, KV.second.IdColumn,
          KV.first.c_str());
  }
  return llvm::Error::success();
}

llvm::Expected<CheckOptions>
resolveOptions(const CheckSpec &Spec,
               const std::map<std::string, std::string> &Overrides) {
  CheckOptions Out;
  for (const CheckOption &O : Spec.Options)
    Out[O.Name] = O.Default;
  for (const auto &KV : Overrides) {
    llvm::StringRef Key = KV.first;
    if (!Key.consume_front(Spec.Id + "."))
      continue;
    if (!Out.count(Key.str()))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "check '%s' has no option '%s'",
                                     Spec.Id.c_str(), Key.str().c_str());
    for (const CheckOption &O : Spec.Options) {
      std::string Expected;
      if (O.Name == Key && !checkOptionValue(O.Type, KV.second, Expected))
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "--check-option %s=%s: option '%s' of check '%s' is of type "
            "%s; expected %s",
            KV.first.c_str(), KV.second.c_str(), O.Name.c_str(),
            Spec.Id.c_str(), O.Type.c_str(), Expected.c_str());
    }
    Out[Key.str()] = KV.second;
  }
  return Out;
}

} // namespace kmapcheck
