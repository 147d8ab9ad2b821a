//===- PreemptBalanceCheck.cpp - preempt-balance --------------------------===//
//
// The counter of this check; what every *-balance check reports, and its
// false-positive policy, are in DepthBalanceCheck.cpp.
//
//===----------------------------------------------------------------------===//
#include "checks/PreemptBalanceCheck.h"

namespace kmapcheck {

PreemptBalanceCheck::PreemptBalanceCheck(const CheckSpec &Spec,
                                         CheckOptions Options)
    : DepthBalanceCheck(Spec, std::move(Options), Effect::PreemptDisable,
                        Effect::PreemptEnable, "preemption",
                        &PathContext::preemptDepth) {}

} // namespace kmapcheck
