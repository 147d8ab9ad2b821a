//===- DepthBalanceCheck.h - shared by the *-balance checks -----*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_DEPTHBALANCECHECK_H
#define KMAPCHECK_CHECKS_DEPTHBALANCECHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A disable/enable counter that every path must leave at the depth it
/// entered with (pagefault-balance, preempt-balance). The subclasses name
/// the counter; the policy is here (see DepthBalanceCheck.cpp).
class DepthBalanceCheck : public PathCheck {
public:
  /// \p Counter names what is disabled in messages ("page faults");
  /// \p Depth reads the counter on the current path.
  DepthBalanceCheck(const CheckSpec &Spec, CheckOptions Options, Effect Disable,
                    Effect Enable, const char *Counter,
                    int (PathContext::*Depth)() const);
  void beforeEffect(PathContext &P, const ApiCall &AC, Effect E,
                    int Depth) override;
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;

private:
  /// The analysed function is one half of a pair of this TU (see the
  /// policy in DepthBalanceCheck.cpp).
  bool topIsPairHalf(PathContext &P, Effect Mine) const;

  Effect Disable, Enable;
  const char *Counter;
  int (PathContext::*Depth)() const;
};

} // namespace kmapcheck

#endif
