//===- DeprecatedApiCheck.h - kmap-deprecated-api ---------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H

#include "core/Check.h"

namespace kmapcheck {

/// Reports kmap(), kmap_atomic*(), kunmap() and kunmap_atomic() and converts
/// them to kmap_local_page()/kunmap_local() when that is provably equivalent
/// within the function.
///
/// False-positive policy: every call of a deprecated API is reported (the
/// report itself cannot be wrong); the fix-it is where precision matters, and
/// it is offered only when map and unmap are paired in one function through a
/// local variable, the address does not escape, the conversion keeps local
/// mappings in stack order, and whatever the kmap_atomic() section relied on
/// (page faults or preemption disabled) is kept with explicit calls. Anything
/// else gets a note saying why there is no fix-it.
class DeprecatedApiCheck : public Check {
public:
  DeprecatedApiCheck(const CheckSpec &Spec, CheckOptions Options);
  void run(TUContext &Ctx) override;
  /// kmap() -> kmap_local_page() is refused where the engine found a path
  /// that would release the mappings out of stack order.
  bool usesPathFacts() const override { return true; }

private:
  bool FixKmap;
  bool FixKmapAtomic;
};

} // namespace kmapcheck

#endif
