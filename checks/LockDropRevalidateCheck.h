//===- LockDropRevalidateCheck.h - lock-drop-revalidate ---------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_LOCKDROPREVALIDATECHECK_H
#define KMAPCHECK_CHECKS_LOCKDROPREVALIDATECHECK_H

#include "core/engine/PathCheck.h"
#include "llvm/ADT/StringMap.h"

namespace kmapcheck {

/// Guarded data relied on after its lock was dropped and re-taken. Keeps its
/// own path state: lock epochs, drops, guarded reads and the values derived
/// from them (see LockDropRevalidateCheck.cpp).
class LockDropRevalidateCheck : public PathCheck {
public:
  LockDropRevalidateCheck(const CheckSpec &Spec, CheckOptions Options);
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
  void afterCall(PathContext &P, const ApiCall &AC,
                 const clang::ento::CallEvent &Call,
                 clang::ento::SVal Ret) override;
  void afterLockAcquire(PathContext &P, const ApiCall &AC,
                        const LockView &L) override;
  void beforeLockRelease(PathContext &P, const ApiCall &AC,
                         const LockView &L) override;
  void onBind(PathContext &P, clang::ento::SVal Loc, clang::ento::SVal Val,
              const clang::Stmt *S) override;
  void afterLoad(PathContext &P, const clang::Expr *Load,
                 clang::ento::SVal Loc, clang::ento::SVal Val) override;
  void onBranch(PathContext &P, const clang::Stmt *Cond) override;

private:
  /// Guarded datum \p K is written (or values derived from reads are used)
  /// at \p UseSite: report when what the path relies on was read before the
  /// last drop of \p Lock.
  void checkStale(PathContext &P, std::pair<const void *, const void *> K,
                  const clang::Decl *Lock, const std::string &What,
                  const clang::Stmt *UseSite, const std::string &Use,
                  llvm::ArrayRef<clang::ento::SVal> Values);
  /// The global variable named \p Name that a declared lock guards.
  const clang::VarDecl *guardedGlobal(PathContext &P, llvm::StringRef Name);

  bool GlobalsIndexed = false;
  llvm::StringMap<const clang::VarDecl *> GuardedGlobals;
};

} // namespace kmapcheck

#endif
