//===- LocalOrderCheck.h - kmap-local-order ---------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_LOCALORDERCHECK_H
#define KMAPCHECK_CHECKS_LOCALORDERCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// An unmap of a local/atomic mapping that is not the most recent live one on
/// the path.
class LocalOrderCheck : public PathCheck {
public:
  LocalOrderCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override;
};

} // namespace kmapcheck

#endif
