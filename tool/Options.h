//===- Options.h - The kmapcheck command line options -----------*- C++ -*-===//
//
// Every option of kmapcheck is declared once, in Options.cpp, as an llvm::cl
// option in one of the categories below (the groups of --help, as in
// clang-tidy). parseCommandLine() turns the command line into the plain
// Options value the rest of the driver reads. To add an option: declare it in
// Options.cpp in its category, add its field here, copy it in
// parseCommandLine(), and document it in README.md.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_OPTIONS_H
#define KMAPCHECK_TOOL_OPTIONS_H

#include "core/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kmapcheck {

struct Options {
  // Selecting translation units.
  std::string Database;                     // -p
  std::vector<std::string> Paths;           // positional
  std::vector<std::string> FixedArgs;       // after '--'
  bool HasFixedArgs = false;                // '--' was given
  unsigned Jobs = 0;                        // -j; 0: all cores
  std::vector<std::string> ExtraArgs;       // --extra-arg
  std::vector<std::string> ExtraArgsBefore; // --extra-arg-before
  bool Demo = false; // --demo, or nothing to select and no database found
  double TimeoutPerTu = 300; // --timeout-per-tu seconds; 0: no limit
  unsigned MaxNodes = 10000; // --max-nodes: path engine budget per function
  unsigned ShardIndex = 0, ShardCount = 0; // --shard K/N (K 1-based); 0: off
  bool Prefilter = true;                   // --no-prefilter turns it off
  std::string Summaries;                   // --summaries
  bool SkipBodies = true;                  // --no-skip-bodies turns it off
  // Kbuild's CHECK= mode: 'kmapcheck --kbuild FLAGS... FILE'.
  bool Kbuild = false;
  std::optional<Severity> KbuildFailOn; // --kbuild-fail-on; none: exit 0

  // Checks and rules.
  std::string Checks = "*";
  bool ChecksGiven = false; // --checks on the command line
  std::string ConfigFile;   // --config-file; empty: .kmapcheck.yaml upward
  bool DumpConfig = false;
  std::map<std::string, std::string> CheckOptions; // "check.name" -> value
  bool ListChecks = false;
  std::string Explain;
  std::vector<std::string> RulesDirs;
  std::string WarningsAsErrors;    // globs of check ids
  std::string HeaderFilter;        // regex; empty: every header
  std::string ExcludeHeaderFilter; // regex; empty: none
  bool SystemHeaders = false;

  // Output.
  std::string Format = "text";
  std::string Output;      // -o; empty: stdout
  std::string ExportFixes; // --export-fixes
  bool Fix = false;
  std::optional<Severity> FailOn = Severity::Warning; // none: never fail
  bool PrintCommands = false;
  bool Stats = false;
  bool Quiet = false;
  bool Verbose = false;

  // CI and review: filters after the merge, for every format.
  std::string SourceRoot;    // --source-root; empty: the default
  std::string DiffBase;      // --diff-base
  std::string LineFilter;    // --line-filter (clang-tidy's JSON)
  std::string Baseline;      // --baseline
  std::string WriteBaseline; // --write-baseline
  bool RequireSuppressionReason = false;
  bool ReportUnusedSuppressions = false;

  // The 'validate' subcommand.
  bool Validate = false;
  unsigned Bound = 2;
  std::string ReplayScenario, ReplaySchedule;
};

/// Parses \p Args (without argv[0]) into \p O. Returns an exit code when the
/// command line ends the run: 2 after printing a usage error to \p Err, 0
/// after --help or --version. Call once per process (llvm::cl options are
/// global).
std::optional<int> parseCommandLine(llvm::ArrayRef<const char *> Args,
                                    Options &O, llvm::raw_ostream &Out,
                                    llvm::raw_ostream &Err);

} // namespace kmapcheck

#endif
