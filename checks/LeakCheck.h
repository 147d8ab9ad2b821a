//===- LeakCheck.h - kmap-leak ----------------------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_LEAKCHECK_H
#define KMAPCHECK_CHECKS_LEAKCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A mapping still live when the function returns on a feasible path, unless it
/// escapes to the caller (for kmap(), its address or its page).
class LeakCheck : public PathCheck {
public:
  LeakCheck(const CheckSpec &Spec, CheckOptions Options);
  void onBind(PathContext &P, clang::ento::SVal Loc, clang::ento::SVal Val,
              const clang::Stmt *S) override;
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;
  void atInlinedFunctionEnd(PathContext &P, const clang::FunctionDecl *FD,
                            const clang::ReturnStmt *RS,
                            const std::vector<MappingView> &Dropped) override;
};

} // namespace kmapcheck

#endif
