//===- LocalEscapeCheck.h - kmap-local-escape -------------------*- C++ -*-===//
//
// The check kmap-local-escape: a local mapping's address left where other
// tasks can see it, or handed to work that runs in another task or context.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CHECKS_LOCALESCAPECHECK_H
#define KMAPCHECK_CHECKS_LOCALESCAPECHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// A kmap_local or kmap_atomic address stored to memory other tasks can
/// reach and still there when the mapping is released, or handed (itself,
/// or in the object that holds it) to deferred or concurrent work.
class LocalEscapeCheck : public PathCheck {
public:
  LocalEscapeCheck(const CheckSpec &Spec, CheckOptions Options);
  void onBind(PathContext &P, clang::ento::SVal Loc, clang::ento::SVal Val,
              const clang::Stmt *S) override;
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override;
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;

private:
  /// Report stores to memory reachable from an argument or a pointer the
  /// function was given (option ReportArgumentMemory; default: counted in
  /// --stats, not reported, since that memory is often the caller's stack).
  bool ReportArgumentMemory = false;
};

} // namespace kmapcheck

#endif
