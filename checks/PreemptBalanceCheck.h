//===- PreemptBalanceCheck.h - preempt-balance ------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_PREEMPTBALANCECHECK_H
#define KMAPCHECK_CHECKS_PREEMPTBALANCECHECK_H

#include "checks/DepthBalanceCheck.h"

namespace kmapcheck {

/// preempt_disable()/preempt_enable() imbalance on a path, kmap_atomic's
/// implicit ones included (policy in DepthBalanceCheck.cpp).
class PreemptBalanceCheck : public DepthBalanceCheck {
public:
  PreemptBalanceCheck(const CheckSpec &Spec, CheckOptions Options);
};

} // namespace kmapcheck

#endif
