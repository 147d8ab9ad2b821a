//===- PagefaultBalanceCheck.h - pagefault-balance --------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_PAGEFAULTBALANCECHECK_H
#define KMAPCHECK_CHECKS_PAGEFAULTBALANCECHECK_H

#include "checks/DepthBalanceCheck.h"

namespace kmapcheck {

/// pagefault_disable()/pagefault_enable() imbalance on a path, kmap_atomic's
/// implicit ones included (policy in DepthBalanceCheck.cpp).
class PagefaultBalanceCheck : public DepthBalanceCheck {
public:
  PagefaultBalanceCheck(const CheckSpec &Spec, CheckOptions Options);
};

} // namespace kmapcheck

#endif
