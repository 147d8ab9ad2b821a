//===- AliasMemmoveCheck.h - kmap-alias-memmove -----------------*- C++ -*-===//
//
// The check kmap-alias-memmove: memmove() between two local mappings of
// pages that may be the same page.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CHECKS_ALIASMEMMOVECHECK_H
#define KMAPCHECK_CHECKS_ALIASMEMMOVECHECK_H

#include "core/engine/PathCheck.h"

namespace kmapcheck {

/// memmove() whose destination and source lie in two different local
/// mappings of pages the path does not know to differ.
class AliasMemmoveCheck : public PathCheck {
public:
  AliasMemmoveCheck(const CheckSpec &Spec, CheckOptions Options);
  void afterCall(PathContext &P, const ApiCall &AC,
                 const clang::ento::CallEvent &Call,
                 clang::ento::SVal Ret) override;
  void onLocation(PathContext &P, clang::ento::SVal Loc, bool IsLoad,
                  const clang::Stmt *S) override;
  void beforeCall(PathContext &P, const ApiCall &AC,
                  const clang::ento::CallEvent &Call) override;
};

} // namespace kmapcheck

#endif
