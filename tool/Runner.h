//===- Runner.h - Schedules the TUs on workers ------------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_RUNNER_H
#define KMAPCHECK_TOOL_RUNNER_H

#include "tool/TUAnalysis.h"
#include <functional>
#include <vector>

namespace kmapcheck {

/// Called after each TU, one call at a time, from the worker that analysed
/// it.
using TUDoneCallback = std::function<void(const TUResult &)>;

/// The indices of \p Commands, largest main file first (equal sizes: by file
/// name, then in the given order). The workers start the TUs in this order,
/// so that a large TU does not start last and leave the other workers idle
/// at the end of a batch; --shard deals the TUs in it.
std::vector<size_t> largestFirst(const std::vector<CompileCommand> &Commands);

/// Analyses every command on \p Jobs workers (0: all cores), starting them
/// largest first (largestFirst(); one worker: in the given order). Results
/// are in the order of \p Commands whatever the schedule. Once \p Opts.Stop is
/// set, TUs not started yet are not started (their results say so).
std::vector<TUResult> runAll(const std::vector<CompileCommand> &Commands,
                             const RuleSet &Rules,
                             const std::vector<EnabledCheck> &Checks,
                             const TUOptions &Opts, unsigned Jobs,
                             const TUDoneCallback &OnDone = nullptr);

} // namespace kmapcheck

#endif
