//===- UseAfterUnmapCheck.h - kmap-use-after-unmap --------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_USEAFTERUNMAPCHECK_H
#define KMAPCHECK_CHECKS_USEAFTERUNMAPCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A read or write through an address after its mapping was released on this
/// path.
class UseAfterUnmapCheck : public PathCheck {
public:
  UseAfterUnmapCheck(const CheckSpec &Spec, CheckOptions Options);
  void onLocation(PathContext &P, clang::ento::SVal Loc, bool IsLoad,
                  const clang::Stmt *S) override;
};

} // namespace kmapcheck

#endif
