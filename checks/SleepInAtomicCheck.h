//===- SleepInAtomicCheck.h - kmap-sleep-in-atomic --------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_SLEEPINATOMICCHECK_H
#define KMAPCHECK_CHECKS_SLEEPINATOMICCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A sleeping call in a kmap_atomic section, with preemption or page faults
/// disabled, a spinlock held or IRQs off.
class SleepInAtomicCheck : public PathCheck {
public:
  SleepInAtomicCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
  /// A function of another TU that may sleep (its summary).
  void beforeSummarizedCall(PathContext &P, const ApiCall &AC,
                            const clang::ento::CallEvent &Call) override;
};

} // namespace kmapcheck

#endif
