//===- PathEngine.h - Path-sensitive checks on the Analyzer -----*- C++ -*-===//
//
// The path-sensitive checks run on the Clang Static Analyzer engine
// (ExprEngine, ProgramState, the constraint manager), driven per function by
// kmapcheck: only functions of the main file that reach a modeled call are
// analysed, TU-local callees are inlined, modeled functions never are (their
// effects come from rules/api/*.yaml), and the work per function is bounded;
// a function whose analysis hit the bound is counted.
//
// The engine's files:
//   FunctionDriver.cpp   selects the functions and runs ExprEngine on each
//   Reachability.cpp     which functions reach a modeled call or effect
//   EngineChecker.cpp    the in-process checker: evalCall's dispatch over the
//                        call models, and the events checks see
//   MappingModel.cpp     maps, unmaps and their targets, escapes, addresses
//   LockStateModel.cpp   locks taken and released on a path
//   ContextModel.cpp     page-fault, preemption and IRQ depths, IS_ERR(),
//                        calls that do not return
//   PathState.h          the path state (ProgramState traits)
//   PathContext.cpp      what checks see (PathCheck.h)
//   PathReporter.cpp     findings with the path that leads to them
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ENGINE_PATHENGINE_H
#define KMAPCHECK_CORE_ENGINE_PATHENGINE_H

#include "core/Summaries.h"
#include "core/engine/PathCheck.h"
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
class Preprocessor;
} // namespace clang

namespace kmapcheck {

struct PathStats {
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsSkipped = 0;     // reach no modeled call
  std::vector<std::string> BoundHit; // functions whose analysis was cut
  unsigned UnknownLocks = 0; // lock calls whose lock has no known identity
  /// Unmap calls whose mapping the engine could not tell on some path (the
  /// mappings they may release were not judged there).
  unsigned UnmapsUnidentified = 0;
  /// Thin forwarders not analysed because an equal one of the same callee
  /// was (FunctionDriver.cpp, forwardedCallee()).
  unsigned ForwardersSkipped = 0;
  /// Functions analysed on their own because the caller that inlined them
  /// hit the bound (so not every path through them was seen there).
  unsigned AnalysedAfterBound = 0;
  /// Such functions not analysed on their own: they map, unmap and change
  /// no depth themselves.
  unsigned BoundCalleesNotAlone = 0;
  /// Functions that map or unmap and hit the bound, analysed again lean
  /// (callees with no effect the checks see evaluated without their
  /// bodies), and how many of those lean runs finished within their budget.
  unsigned LeanRetries = 0, LeanFinished = 0;
  /// Functions that reach the model only through their callees, analysed
  /// with MaxNodes / IndirectBudgetDivisor nodes, and how many of them hit
  /// that smaller bound (they are in BoundHit too).
  unsigned IndirectSmallBudget = 0, IndirectSmallBudgetHit = 0;
  /// Unmaps given a cursor that moved (a callee advanced it, or an
  /// increment) whose reach could not be bounded on some path (not judged).
  unsigned CursorUnmapsUnbounded = 0;
  /// Per check id: the statements it could not judge on some path (never
  /// guessed into a report).
  std::map<std::string, unsigned> Undecided;
  /// Allocations in atomic context whose GFP flags were not a constant on
  /// some path (not judged there).
  unsigned GfpFlagsUnknown = 0;
  /// Functions without a body in the TU called in atomic context on some
  /// path, and whether the summaries the analysis had said they may sleep
  /// (the driver analyses the TU again when the merged summaries disagree).
  std::map<std::string, bool> AtomicExternalCalls;
  /// Functions without a body in the TU that the analysis called, and what
  /// their summaries said they do to the caller's state ("" for nothing;
  /// PathEngine::ExternalCalls).
  std::map<std::string, std::string> ExternalCalls;
  /// Per function without a body in the TU: the assignable names
  /// (FunctionSummary::Writes) whose pinned values the analysis put back
  /// after calling it, because no summary said it writes them.
  std::map<std::string, std::set<std::string>> PinnedAcross;
  /// Functions without a body in the TU called with a depth to balance,
  /// and whether the summaries said their depth change is unknown.
  std::map<std::string, bool> DepthCalls;
};

/// The GFP bit that lets an allocation sleep in a TU: the model's
/// gfp_direct_reclaim macro as the TU defines it, when that is an integer
/// literal, else the model's value (ApiModel::gfpSleepBit()).
uint64_t gfpSleepBitOf(const ApiModel &Api, clang::Preprocessor &PP);

/// summarizeTU() with what each function assigns, by name, from the
/// engine's write sets (FunctionSummary::Writes).
std::vector<FunctionSummary> summarizeTUWithWrites(TUContext &Ctx,
                                                   uint64_t GfpSleepBit);

/// Runs \p Checks on every function of the main file they need (see
/// PathCheck::onlyFunctionsMapping). \p Cancelled, when given, is asked
/// before each function; once it says true the run stops there (the TU's
/// time is up, --timeout-per-tu).
/// How much of a function the engine explores (--max-nodes).
struct PathLimits {
  /// Nodes of the exploded graph per analysed function.
  unsigned MaxNodes = 10000;
  /// A function that maps or unmaps and hits MaxNodes is analysed again
  /// lean, with this many times the budget.
  unsigned LeanRetryFactor = 4;
  /// A function whose own body makes no call that makes a function worth
  /// an analysis (a map, an unmap, a depth effect, an IPI wait, a declared
  /// lock), only its callees, explores MaxNodes / this many nodes.
  unsigned IndirectBudgetDivisor = 2;
};

void runPathChecks(TUContext &Ctx, clang::CompilerInstance &CI,
                   const std::vector<PathCheck *> &Checks, PathStats &Stats,
                   const std::function<bool()> &Cancelled = nullptr,
                   const PathLimits &Limits = PathLimits());

} // namespace kmapcheck

#endif
