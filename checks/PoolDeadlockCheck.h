//===- PoolDeadlockCheck.h - kmap-pool-deadlock -----------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_POOLDEADLOCKCHECK_H
#define KMAPCHECK_CHECKS_POOLDEADLOCKCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// kmap() while the path already holds a kmap() mapping: with the pool
/// exhausted both wait forever.
class PoolDeadlockCheck : public PathCheck {
public:
  PoolDeadlockCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;

private:
  std::vector<std::string> ClassOrder;
};

} // namespace kmapcheck

#endif
