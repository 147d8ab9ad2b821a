//===- LockDropRevalidateCheck.h - lock-drop-revalidate ---------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_LOCKDROPREVALIDATECHECK_H
#define KMAPCHECK_CHECKS_LOCKDROPREVALIDATECHECK_H

#include "core/engine/PathEngine.h"

namespace kmapcheck {

/// A lock released and re-taken (directly or in a callee) while a value or
/// decision computed from data it guards before the release is relied on
/// after the re-take without being re-read.
class LockDropRevalidateCheck : public PathCheck {
public:
  LockDropRevalidateCheck(const CheckSpec &Spec, CheckOptions Options);
  void onStaleGuardedUse(PathContext &P, const StaleGuardedUse &U) override;
};

} // namespace kmapcheck

#endif
