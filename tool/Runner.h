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
/// name, then in the given order): the order --shard deals the TUs in.
/// (Starting the workers in it did not pay on the whole tree: the slowest
/// TU takes 6 s of a 600 s run, so the idle tail is a few seconds.)
std::vector<size_t> largestFirst(const std::vector<CompileCommand> &Commands);

/// Analyses every command on \p Jobs workers (0: all cores). Results are in
/// the order of \p Commands whatever the schedule. Once \p Opts.Stop is
/// set, TUs not started yet are not started (their results say so).
std::vector<TUResult> runAll(const std::vector<CompileCommand> &Commands,
                             const RuleSet &Rules,
                             const std::vector<EnabledCheck> &Checks,
                             const TUOptions &Opts, unsigned Jobs,
                             const TUDoneCallback &OnDone = nullptr);

} // namespace kmapcheck

#endif
