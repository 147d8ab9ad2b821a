//===- PreemptBalanceCheck.h - preempt-balance
//---------------------------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_PREEMPTBALANCECHECK_H
#define KMAPCHECK_CHECKS_PREEMPTBALANCECHECK_H

#include "checks/PathEngine.h"

namespace kmapcheck {

/// preempt_disable()/preempt_enable() imbalance on a path, kmap_atomic's
/// implicit ones included.
class PreemptBalanceCheck : public PathCheck {
public:
  PreemptBalanceCheck(const CheckSpec &Spec, CheckOptions Options);
  void onUnderflow(PathContext &P, const ApiCall &AC, Effect E) override;
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;
};

} // namespace kmapcheck

#endif
