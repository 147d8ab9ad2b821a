//===- MissingPagefaultDisableCheck.h ---------------------------*- C++ -*-===//
//
// The check kmap-local-missing-pagefault-disable.
#ifndef KMAPCHECK_CHECKS_MISSINGPAGEFAULTDISABLECHECK_H
#define KMAPCHECK_CHECKS_MISSINGPAGEFAULTDISABLECHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A kmap_local section whose user copy relies on failing fast, without
/// pagefault_disable().
class MissingPagefaultDisableCheck : public PathCheck {
public:
  MissingPagefaultDisableCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
};

} // namespace kmapcheck

#endif
