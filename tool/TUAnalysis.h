//===- TUAnalysis.h - Parse one TU and run the checks on it -----*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_TUANALYSIS_H
#define KMAPCHECK_TOOL_TUANALYSIS_H

#include "core/Check.h"
#include "core/RulesLoader.h"
#include "core/Summaries.h"
#include "core/engine/PathEngine.h"
#include "tool/BodySkipping.h"
#include "tool/CompileDatabase.h"
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace kmapcheck {

struct EnabledCheck {
  const CheckSpec *Spec;
  CheckOptions Options;
  std::unique_ptr<Check> (*Create)(const CheckSpec &, CheckOptions);
};

struct TUResult {
  std::string File;
  bool Analysed = false;
  /// When not analysed: "file:line:col: error: clang's first error" or why.
  std::string Error;
  std::vector<Finding> Findings;
  std::vector<std::string> DroppedArgs;
  PathStats Stats;
  bool TimedOut = false; // past --timeout-per-tu
  /// The TU's function summaries (TUOptions::Summarize).
  std::vector<FunctionSummary> Summaries;
  /// Time spent summarising, and analysing the TU in all (parse included).
  double SummarySeconds = 0, Seconds = 0;
  BodySkipStats Bodies; // header function bodies skipped (--stats)
};

struct TUOptions {
  std::string ResourceDir;
  std::vector<std::string> ExtraArgs;       // appended (--extra-arg)
  std::vector<std::string> ExtraArgsBefore; // prepended (--extra-arg-before)
  bool SystemHeaders = false;               // keep findings in system headers
  /// --timeout-per-tu: past it the TU is a tool error; 0: no limit. Checked
  /// when clang has parsed the TU, before each function the path engine
  /// analyses and before each check.
  double TimeoutSeconds = 300;
  /// --max-nodes: the path engine's budget per function.
  unsigned MaxNodes = 10000;
  /// Set by the driver on SIGINT: the TUs under way stop at the next of
  /// those points (their results are discarded).
  const std::atomic<bool> *Stop = nullptr;
  /// Facts about functions of other TUs the checks may use, or null.
  const SummaryIndex *Summaries = nullptr;
  /// Summarise the TU's functions (TUResult::Summaries) in the same parse.
  bool Summarize = false;
  /// Skip the header function bodies no analysis can reach (BodySkipping.h);
  /// null: parse every body (--no-skip-bodies). Shared by the run's TUs.
  std::shared_ptr<HeaderIndex> Bodies;
};

/// The clang command line kmapcheck parses \p Cmd with (sanitized, with
/// -fsyntax-only and warnings off), compiler name first.
std::vector<std::string>
clangCommandFor(const CompileCommand &Cmd, const TUOptions &Opts,
                std::vector<std::string> *Dropped = nullptr);

/// Installs the crash handlers analyzeTranslationUnit relies on (crash
/// recovery, run on an alternate signal stack). Call once from main().
void enableCrashRecovery();

/// Sanitizes \p Cmd, parses the TU with clang and runs \p Checks on it.
/// Never aborts the process: crashes inside clang are caught and reported.
TUResult analyzeTranslationUnit(const CompileCommand &Cmd, const RuleSet &Rules,
                                const std::vector<EnabledCheck> &Checks,
                                const TUOptions &Opts);

} // namespace kmapcheck

#endif
