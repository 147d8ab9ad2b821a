//===- IpiUnderIrqLockCheck.h - ipi-under-irq-lock --------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_IPIUNDERIRQLOCKCHECK_H
#define KMAPCHECK_CHECKS_IPIUNDERIRQLOCKCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A call that waits for other CPUs to take an IPI while IRQs are off, or
/// while holding a lock that some CPU takes with IRQs off.
class IpiUnderIrqLockCheck : public PathCheck {
public:
  IpiUnderIrqLockCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
};

} // namespace kmapcheck

#endif
