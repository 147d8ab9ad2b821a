//===- LocalOrderCheck.h - kmap-local-order
//---------------------------------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_LOCALORDERCHECK_H
#define KMAPCHECK_CHECKS_LOCALORDERCHECK_H

#include "core/engine/PathEngine.h"
#include "llvm/ADT/DenseMap.h"

namespace kmapcheck {

/// An unmap of a local/atomic mapping that is not the most recent live one on
/// the path.
class LocalOrderCheck : public PathCheck {
public:
  LocalOrderCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override;

private:
  /// Each statement of a run of adjacent unmaps that a fix-it reorders,
  /// mapped to the run's first statement: the later unmaps of the run are
  /// fixed by that one fix-it.
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> RunOf;
};

} // namespace kmapcheck

#endif
