//===- PagefaultBalanceCheck.h - pagefault-balance
//---------------------------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_PAGEFAULTBALANCECHECK_H
#define KMAPCHECK_CHECKS_PAGEFAULTBALANCECHECK_H

#include "checks/PathEngine.h"

namespace kmapcheck {

/// pagefault_disable()/pagefault_enable() imbalance on a path, kmap_atomic's
/// implicit ones included.
class PagefaultBalanceCheck : public PathCheck {
public:
  PagefaultBalanceCheck(const CheckSpec &Spec, CheckOptions Options);
  void onUnderflow(PathContext &P, const ApiCall &AC, Effect E) override;
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;
};

} // namespace kmapcheck

#endif
