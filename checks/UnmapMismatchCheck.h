//===- UnmapMismatchCheck.h - kmap-unmap-mismatch ---------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_UNMAPMISMATCHCHECK_H
#define KMAPCHECK_CHECKS_UNMAPMISMATCHCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// kunmap(addr), an unmap given something no map returned, the wrong family, a
/// double unmap, an address past the page.
class UnmapMismatchCheck : public PathCheck {
public:
  UnmapMismatchCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override;
};

} // namespace kmapcheck

#endif
