//===- Runner.h - Schedules the TUs on workers ------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_RUNNER_H
#define KMAPCHECK_TOOL_RUNNER_H

#include "tool/TUAnalysis.h"
#include <vector>

namespace kmapcheck {

/// Analyses every command on \p Jobs workers (0: all cores). Results are in
/// the order of \p Commands whatever the schedule.
std::vector<TUResult> runAll(const std::vector<CompileCommand> &Commands,
                             const RuleSet &Rules,
                             const std::vector<EnabledCheck> &Checks,
                             const TUOptions &Opts, unsigned Jobs);

} // namespace kmapcheck

#endif
