//===- StackDepthCheck.h - kmap-stack-depth ---------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_STACKDEPTHCHECK_H
#define KMAPCHECK_CHECKS_STACKDEPTHCHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// More live local mappings than KM_MAX_IDX on a path.
class StackDepthCheck : public PathCheck {
public:
  StackDepthCheck(const CheckSpec &Spec, CheckOptions Options);
  void afterMap(PathContext &P, const ApiCall &AC,
                const MappingView &M) override;

private:
  int MaxDepth;
};

} // namespace kmapcheck

#endif
