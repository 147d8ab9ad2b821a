//===- CheckRegistry.h - The one place check ids live in code ---*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_CHECKREGISTRY_H
#define KMAPCHECK_CHECKS_CHECKREGISTRY_H

#include "core/Check.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace kmapcheck {

struct RegisteredCheck {
  const char *Id;
  std::unique_ptr<Check> (*Create)(const CheckSpec &, CheckOptions);
};

/// Every check kmapcheck implements, by id.
llvm::ArrayRef<RegisteredCheck> registeredChecks();

/// Every registered check has a rules/checks/<id>.yaml and every YAML id has
/// an implementation; otherwise an error naming the file.
llvm::Error verifyRegistry(const RuleSet &Rules);

/// Default options of \p Spec overlaid with \p Overrides ("id.name" keys).
llvm::Expected<CheckOptions>
resolveOptions(const CheckSpec &Spec,
               const std::map<std::string, std::string> &Overrides);

} // namespace kmapcheck

#endif
