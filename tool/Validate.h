//===- Validate.h - kmapcheck validate --------------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_VALIDATE_H
#define KMAPCHECK_TOOL_VALIDATE_H

#include "core/RulesLoader.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace kmapcheck {

struct ValidateOptions {
  std::string DataDir;     // holds reference/
  std::string ResourceDir; // clang's
  unsigned Bound = 2;      // preemption bound of the dynamic exploration
  bool Json = false;
  std::string ReplayScenario, ReplaySchedule;
};

/// Prints the table (scenario, check, expected, static, dynamic, agreement);
/// returns 1 on any disagreement, 0 otherwise, 2 on bad input.
int runValidate(const ValidateOptions &O, const RuleSet &Rules,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err);

} // namespace kmapcheck

#endif
