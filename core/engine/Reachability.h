//===- Reachability.h - Functions worth a path analysis ---------*- C++ -*-===//
#ifndef KMAPCHECK_CORE_ENGINE_REACHABILITY_H
#define KMAPCHECK_CORE_ENGINE_REACHABILITY_H

#include "core/engine/EngineChecker.h"
#include "llvm/ADT/DenseMap.h"

namespace kmapcheck {

/// Functions that call a modeled API worth a path-sensitive analysis (a map,
/// an unmap, a page-fault or preemption effect, an IPI wait, a lock declared
/// in rules/locks/), directly or through TU-local callees. Each function's
/// body is visited once per TU.
///
/// With \p AnyEffect, every call the engine could act on counts: any
/// modeled call (a lone sleep or lock too), a call through a pointer, and a
/// call of a function without a body here (a summary may say it sleeps).
/// A function that reaches none of those has no effect the checks see but
/// its return value and its writes: the lean retry of a function that hit
/// the node bound evaluates it without its body (FunctionDriver.cpp).
class ModeledCallReach {
public:
  explicit ModeledCallReach(PathEngine &E, bool AnyEffect = false)
      : E(E), AnyEffect(AnyEffect) {}
  bool reaches(const clang::FunctionDecl *FD);
  /// Whether \p FD's own body makes such a call (not only its callees).
  bool reachesDirectly(const clang::FunctionDecl *FD);

private:
  /// What one body calls: a modeled call worth it, and its other callees.
  struct BodyFacts {
    bool Direct = false;
    std::vector<const clang::FunctionDecl *> Callees;
  };
  const BodyFacts &factsOf(const clang::FunctionDecl *FD);

  PathEngine &E;
  bool AnyEffect;
  llvm::DenseMap<const clang::FunctionDecl *, BodyFacts> Facts;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Memo;
};

} // namespace kmapcheck

#endif
