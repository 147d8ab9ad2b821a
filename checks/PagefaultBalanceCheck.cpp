//===- PagefaultBalanceCheck.cpp - pagefault-balance ----------------------===//
//
// The counter of this check; what every *-balance check reports, and its
// false-positive policy, are in DepthBalanceCheck.cpp.
//
//===----------------------------------------------------------------------===//
#include "checks/PagefaultBalanceCheck.h"

namespace kmapcheck {

PagefaultBalanceCheck::PagefaultBalanceCheck(const CheckSpec &Spec,
                                             CheckOptions Options)
    : DepthBalanceCheck(Spec, std::move(Options), Effect::PagefaultDisable,
                        Effect::PagefaultEnable, "page faults",
                        &PathContext::pagefaultDepth) {}

} // namespace kmapcheck
