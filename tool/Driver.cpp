//===- Driver.cpp - The kmapcheck command line ----------------------------===//
//
// Run::main is the data flow of a run: options -> rules -> enabled checks ->
// input selection (the commands to run) -> the runner (one result per TU) ->
// findings merged, deduplicated and sorted -> fingerprints, suppressions,
// baseline, changed lines (tool/Report.h) -> report, fixes, exit code. Each
// step is a component of its own in tool/.
//
//===----------------------------------------------------------------------===//
#include "tool/Driver.h"

#include "checks/CheckRegistry.h"
#include "core/RulesLoader.h"
#include "tool/CheckFilter.h"
#include "tool/CiRenderers.h"
#include "tool/FixApplier.h"
#include "tool/InputSelection.h"
#include "tool/Merge.h"
#include "tool/Options.h"
#include "tool/Prefilter.h"
#include "tool/ProjectConfig.h"
#include "tool/Renderers.h"
#include "tool/Report.h"
#include "tool/Runner.h"
#include "tool/SummaryFile.h"
#include "tool/TUAnalysis.h"
#include "tool/Validate.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <map>
#include <pthread.h>

namespace kmapcheck {

namespace {

/// Where kmapcheck finds its rules and examples: next to an installed binary,
/// else the source tree it was built from.
std::string dataDir(const char *Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&dataDir));
  llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Installed, "..", "share", "kmapcheck");
  llvm::sys::path::remove_dots(Installed, true);
  llvm::SmallString<256> Rules(Installed);
  llvm::sys::path::append(Rules, "rules");
  if (llvm::sys::fs::is_directory(Rules))
    return std::string(Installed);
  return KMAPCHECK_DATA_DIR;
}

/// Set by SIGINT and SIGTERM while TUs are analysed: the TUs under way stop
/// at their next check point, nothing is written, and the exit code is 130.
std::atomic<bool> Interrupted{false};

extern "C" void onInterrupt(int) { Interrupted.store(true); }

/// Catches SIGINT and SIGTERM for its lifetime.
class InterruptGuard {
public:
  InterruptGuard() {
    struct sigaction Act{};
    Act.sa_handler = onInterrupt;
    sigemptyset(&Act.sa_mask);
    sigaction(SIGINT, &Act, &OldInt);
    sigaction(SIGTERM, &Act, &OldTerm);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &OldInt, nullptr);
    sigaction(SIGTERM, &OldTerm, nullptr);
  }

private:
  struct sigaction OldInt{}, OldTerm{};
};

/// The "[N/M] file, elapsed, ETA, findings" line on a terminal, as ninja
/// and run-clang-tidy print it; nothing elsewhere.
class Progress {
public:
  Progress(llvm::raw_ostream &Err, size_t Total, bool Enabled)
      : Err(Err), Total(Total), Enabled(Enabled),
        Start(std::chrono::steady_clock::now()) {}
  ~Progress() { clear(); }

  void done(const TUResult &R) {
    ++Done;
    Findings += R.Findings.size();
    if (!Enabled)
      return;
    double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    std::string Line = llvm::formatv("[{0}/{1}] {2:f0}s", Done, Total, Elapsed);
    if (Done < Total)
      Line += llvm::formatv(", ETA {0:f0}s", Elapsed / Done * (Total - Done));
    Line += llvm::formatv(", {0} finding(s) ", Findings).str();
    std::string Name = R.File;
    unsigned Cols = llvm::sys::Process::StandardErrColumns();
    if (!Cols)
      Cols = 80;
    if (Line.size() + Name.size() + 1 > Cols) {
      size_t Keep = Cols > Line.size() + 4 ? Cols - Line.size() - 4 : 0;
      Name = "..." + Name.substr(Name.size() - std::min(Name.size(), Keep));
    }
    Err << "\r" << Line << Name << "\x1b[K";
    Err.flush();
    Printed = true;
  }
  void clear() {
    if (Printed)
      Err << "\r\x1b[K";
    Printed = false;
  }

private:
  llvm::raw_ostream &Err;
  size_t Total, Done = 0, Findings = 0;
  bool Enabled, Printed = false;
  std::chrono::steady_clock::time_point Start;
};

/// --shard K/N: the TUs of shard \p K (1-based) of \p N. The TUs are
/// dealt largest first to the shard with the least bytes so far (ties: the
/// lower shard; equal sizes: by file name, then database order), so every
/// runner computes the same shares without talking to the others.
std::vector<CompileCommand> shardOf(std::vector<CompileCommand> Commands,
                                    unsigned K, unsigned N) {
  std::vector<uint64_t> Size(Commands.size(), 0);
  for (size_t I = 0; I < Commands.size(); ++I)
    llvm::sys::fs::file_size(Commands[I].File, Size[I]);
  std::vector<size_t> Order = largestFirst(Commands);
  std::vector<uint64_t> Load(N, 0);
  std::vector<bool> Mine(Commands.size(), false);
  for (size_t I : Order) {
    unsigned Best = 0;
    for (unsigned S = 1; S < N; ++S)
      if (Load[S] < Load[Best])
        Best = S;
    Load[Best] += Size[I] + 1; // + 1: empty files are dealt round-robin
    Mine[I] = Best + 1 == K;
  }
  std::vector<CompileCommand> Out;
  for (size_t I = 0; I < Commands.size(); ++I)
    if (Mine[I])
      Out.push_back(std::move(Commands[I]));
  return Out;
}

/// Kbuild's mode prints paths as GCC does for a build run in the tree:
/// relative to the current directory when below it.
void relativeToCwd(std::vector<Finding> &Findings) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return;
  auto Rel = [&](std::string &File) {
    llvm::StringRef F = File;
    if (F.consume_front(Cwd) && F.consume_front("/"))
      File = F.str();
  };
  for (Finding &F : Findings) {
    Rel(F.Loc.File);
    Rel(F.End.File);
    for (FindingNote &N : F.Notes)
      Rel(N.Loc.File);
  }
}

/// What the analysis of all TUs produced, merged.
struct Report {
  std::vector<Finding> Findings; // sorted, deduplicated, not suppressed
  std::vector<ToolError> Errors; // TUs that could not be analysed
  ReportStats Filtered;          // suppressed, baselined, off the diff
};

class Run {
public:
  Run(const char *Argv0, llvm::raw_fd_ostream &Out, llvm::raw_ostream &Err)
      : Argv0(Argv0), Out(Out), Err(Err) {}

  int main(llvm::ArrayRef<const char *> Args);

private:
  int usage(const llvm::Twine &Msg) {
    Err << "kmapcheck: error: " << Msg << "\n";
    Err << "kmapcheck: see 'kmapcheck --help'\n";
    return ExitUsage;
  }
  int configError(const llvm::Twine &Msg) {
    Err << "kmapcheck: error: " << Msg << "\n";
    return ExitUsage;
  }

  llvm::Expected<RuleSet>
  loadRuleSet(llvm::StringRef Data,
              llvm::ArrayRef<std::string> ConfigDirs = std::nullopt);
  int validate(const RuleSet &Rules, llvm::StringRef Data);
  int explain(const RuleSet &Rules);
  /// The checks \p Checks and \p CheckOptions enable, or an exit code.
  std::optional<int>
  enableChecks(const RuleSet &Rules, std::vector<EnabledCheck> &Enabled,
               llvm::StringRef Checks,
               const std::map<std::string, std::string> &CheckOptions);
  /// .kmapcheck.yaml (or --config-file) with the command line over it.
  ProjectConfig effectiveConfig(const ProjectConfig *C) const;
  TUOptions tuOptions() const;
  int printCommands(const std::vector<CompileCommand> &Commands);
  Report merge(std::vector<TUResult> &Results);
  /// --source-root, else the compile database's directory (the current
  /// directory with '--', the data directory for the demo).
  std::string sourceRoot(llvm::StringRef Data) const;
  ReportOptions reportOptions(llvm::StringRef Data) const;
  /// --header-filter, --exclude-header-filter: findings in headers.
  void filterHeaders(Report &R, const std::vector<CompileCommand> &Commands);
  /// --warnings-as-errors.
  std::optional<int> promoteToErrors(Report &R);
  void printDiagnostics(const std::vector<TUResult> &Results, const Report &R);
  /// What the renderers know beyond the findings.
  ReportContext reportContext(const ReportPipeline &P,
                              const RuleSet &Rules) const;
  /// -o and --export-fixes must not name an input or each other.
  std::optional<int> checkOutputs(const std::vector<CompileCommand> &Commands);
  /// Writes \p Text to \p Path ("" for stdout); false after an error,
  /// which names the file. A reader that closed stdout early is its choice.
  bool writeText(const std::string &Path, llvm::StringRef Text);
  /// Applies the fix-its; false when a file could not be written.
  bool fix(const Report &R);
  void printSummary(const Report &R, size_t TUs);
  int exitCode(const Report &R, bool OutputsOk, bool FixOk) const;
  int interrupted() {
    Err << "kmapcheck: interrupted; nothing written\n";
    return 130;
  }

  const char *Argv0;
  llvm::raw_fd_ostream &Out;
  llvm::raw_ostream &Err;
  Options O;
};

/// Whether the main file of \p Cmd defines a function named in \p Names: a
/// name followed by a parenthesised list and '{' in its text. A cheap look
/// before a parse: comments and macros may make it say yes for nothing.
static bool definesAnyOf(const CompileCommand &Cmd,
                         const llvm::StringSet<> &Names) {
  llvm::SmallString<256> Path(Cmd.File);
  if (!llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(Cmd.Directory, Path);
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return false;
  llvm::StringRef Text = (*Buf)->getBuffer();
  auto IsId = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t I = 0; I < Text.size();) {
    if (!IsId(Text[I]) || llvm::isDigit(Text[I])) {
      ++I;
      continue;
    }
    size_t B = I;
    while (I < Text.size() && IsId(Text[I]))
      ++I;
    if (!Names.count(Text.slice(B, I)))
      continue;
    size_t J = I;
    while (J < Text.size() && (Text[J] == ' ' || Text[J] == '\t'))
      ++J;
    if (J >= Text.size() || Text[J] != '(')
      continue;
    // A definition: the parameter list is followed by its body.
    unsigned Depth = 0;
    for (; J < Text.size(); ++J) {
      if (Text[J] == '(')
        ++Depth;
      else if (Text[J] == ')' && --Depth == 0)
        break;
    }
    ++J;
    while (J < Text.size() && llvm::isSpace(Text[J]))
      ++J;
    if (J < Text.size() && Text[J] == '{')
      return true;
  }
  return false;
}

int Run::main(llvm::ArrayRef<const char *> Args) {
  if (std::optional<int> Exit = parseCommandLine(Args, O, Out, Err))
    return *Exit;
  O.Demo = !O.Validate && wantsDemo(O);
  if (O.Demo && O.Fix)
    return usage("--fix does not change the reference scenarios of the "
                 "demo; give a compile database or paths");
  std::string Data = dataDir(Argv0);
  llvm::Expected<RuleSet> Rules = loadRuleSet(Data);
  if (!Rules)
    return configError(llvm::toString(Rules.takeError()));
  if (O.Validate)
    return validate(*Rules, Data);
  if (!O.Explain.empty())
    return explain(*Rules);

  // The configuration of the first path: --dump-config, --list-checks.
  ProjectConfigs Configs;
  std::vector<std::string> Ids;
  for (const RegisteredCheck &RC : registeredChecks())
    Ids.push_back(RC.Id);
  auto Top = Configs.forFile(
      absolutePath(O.Paths.empty() ? "." : O.Paths.front()), O.ConfigFile);
  if (!Top)
    return configError(llvm::toString(Top.takeError()));
  if (*Top)
    if (llvm::Error E = const_cast<ProjectConfig *>(*Top)->validate(Ids))
      return configError(llvm::toString(std::move(E)));
  ProjectConfig TopConfig = effectiveConfig(*Top);
  if (O.DumpConfig) {
    Out << TopConfig.dump();
    return ExitClean;
  }
  std::vector<EnabledCheck> Enabled;
  if (std::optional<int> Exit = enableChecks(*Rules, Enabled, *TopConfig.Checks,
                                             TopConfig.CheckOptions))
    return *Exit;
  if (O.ListChecks) {
    std::vector<std::string> On;
    for (const EnabledCheck &E : Enabled)
      On.push_back(E.Spec->Id);
    llvm::sort(On);
    for (const std::string &Id : On)
      Out << Id << "\n";
    return ExitClean;
  }
  if (Enabled.empty())
    return usage("no checks enabled by --checks='" + *TopConfig.Checks + "'");

  // Baseline and line filter are read before any TU is analysed.
  ReportPipeline Pipeline(reportOptions(Data));
  if (llvm::Error E = Pipeline.prepare())
    return configError(llvm::toString(std::move(E)));

  auto Commands = selectInputs(O, Data, Err);
  if (!Commands)
    return configError(llvm::toString(Commands.takeError()));
  if (O.ShardCount)
    *Commands = shardOf(std::move(*Commands), O.ShardIndex, O.ShardCount);
  if (O.PrintCommands)
    return printCommands(*Commands);
  if (std::optional<int> Exit = checkOutputs(*Commands))
    return *Exit;

  // Each TU with its configuration: the nearest .kmapcheck.yaml (its
  // checks, options and rules), and the command line over it.
  struct Group {
    const ProjectConfig *Config;
    std::vector<CompileCommand> Commands;
  };
  std::vector<Group> Groups;
  size_t Analysed = 0;
  for (CompileCommand &C : *Commands) {
    auto Config = Configs.forFile(C.File, O.ConfigFile);
    if (!Config)
      return configError(llvm::toString(Config.takeError()));
    if (*Config && (*Config)->excluded(C.File))
      continue;
    auto It = llvm::find_if(
        Groups, [&](const Group &G) { return G.Config == *Config; });
    if (It == Groups.end())
      It = Groups.insert(Groups.end(), Group{*Config, {}});
    It->Commands.push_back(std::move(C));
    ++Analysed;
  }
  // Facts about functions across TUs: those --summaries kept, then, merged
  // with them, those of this run's TUs (each TU is summarised in the parse
  // that analyses it).
  SummaryIndex Loaded;
  if (!O.Summaries.empty() && llvm::sys::fs::exists(O.Summaries)) {
    auto Buf = llvm::MemoryBuffer::getFile(O.Summaries);
    if (!Buf)
      return configError("cannot read '" + O.Summaries +
                         "': " + Buf.getError().message());
    auto Fns = parseSummaries(O.Summaries, (*Buf)->getBuffer());
    if (!Fns)
      return configError(llvm::toString(Fns.takeError()));
    for (FunctionSummary &S : *Fns)
      Loaded.add(std::move(S));
  }
  Loaded.finalize();
  std::deque<RuleSet> ConfigRules;
  llvm::StringSet<> EnabledIds;
  std::vector<TUResult> Results;
  /// What a group's TUs were analysed with, for a second analysis.
  struct GroupRun {
    const ProjectConfig *Config;
    const RuleSet *Rules;
    std::vector<EnabledCheck> Checks;
    std::vector<CompileCommand> Commands; // parallel to Results[First...]
    size_t First = 0;
    std::vector<CompileCommand> Skipped; // by the prefilter
  };
  std::vector<GroupRun> GroupRuns;
  // SIGINT and SIGTERM stop the analysis; afterwards (the fixes, the
  // outputs) they are held while a file is written (FixApplier, writeText).
  std::optional<InterruptGuard> CatchInterrupt;
  CatchInterrupt.emplace();
  Progress Bar(Err, Analysed,
               !O.Quiet && !O.Kbuild &&
                   llvm::sys::Process::StandardErrIsDisplayed());
  size_t SkippedByPrefilter = 0;
  double PrefilterSeconds = 0;
  for (Group &G : Groups) {
    const RuleSet *GroupRules = &*Rules;
    if (G.Config) {
      if (llvm::Error E = const_cast<ProjectConfig *>(G.Config)->validate(Ids))
        return configError(llvm::toString(std::move(E)));
      if (!G.Config->RulesDirs.empty()) {
        auto R = loadRuleSet(Data, G.Config->RulesDirs);
        if (!R)
          return configError(llvm::toString(R.takeError()));
        ConfigRules.push_back(std::move(*R));
        GroupRules = &ConfigRules.back();
      }
    }
    ProjectConfig Eff = effectiveConfig(G.Config);
    std::vector<EnabledCheck> GroupChecks;
    if (std::optional<int> Exit = enableChecks(*GroupRules, GroupChecks,
                                               *Eff.Checks, Eff.CheckOptions))
      return *Exit;
    for (const EnabledCheck &E : GroupChecks)
      EnabledIds.insert(E.Spec->Id);
    // The prefilter: a TU whose own code names nothing the model acts on
    // cannot produce a finding; it is not parsed.
    std::vector<CompileCommand> ToRun, PrefilterSkipped;
    std::vector<TUResult> GroupResults;
    if (O.Prefilter) {
      auto PrefilterStart = std::chrono::steady_clock::now();
      Prefilter PF(*GroupRules);
      for (CompileCommand &C : G.Commands) {
        if (PF.relevant(C)) {
          ToRun.push_back(C);
          continue;
        }
        PrefilterSkipped.push_back(C);
        TUResult Skipped;
        Skipped.File = C.File;
        Skipped.Analysed = true;
        Bar.done(Skipped);
        GroupResults.push_back(std::move(Skipped));
        ++SkippedByPrefilter;
      }
      PrefilterSeconds += std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - PrefilterStart)
                              .count();
    } else {
      ToRun = G.Commands;
    }
    TUOptions TUOpts = tuOptions();
    TUOpts.Stop = &Interrupted;
    TUOpts.Summaries = &Loaded;
    TUOpts.Summarize = true;
    GroupRun GR{G.Config, GroupRules,     GroupChecks,
                {},       Results.size(), std::move(PrefilterSkipped)};
    for (TUResult &T : runAll(ToRun, *GroupRules, GroupChecks, TUOpts, O.Jobs,
                              [&](const TUResult &T) { Bar.done(T); }))
      GroupResults.push_back(std::move(T));
    for (TUResult &T : GroupResults) {
      auto It = llvm::find_if(
          ToRun, [&](const CompileCommand &C) { return C.File == T.File; });
      GR.Commands.push_back(It != ToRun.end() ? *It : CompileCommand());
      Results.push_back(std::move(T));
    }
    GroupRuns.push_back(std::move(GR));
  }
  // The merged summaries: this run's TUs replace what --summaries kept of
  // them. A TU that called, in atomic context, a function whose merged
  // summary says something else than the one it was analysed with is
  // analysed again with the merged summaries (usually few: the first
  // analysis had every fact of the TUs analysed before).
  // A function on a call chain from an atomic section may be defined in a
  // TU the prefilter skipped (it names only sleeping calls): the skipped
  // TUs whose text calls a function wanted (called in atomic context, or
  // called by a wanted function, with no summary yet) are parsed for their
  // summaries, round by round, until no wanted function is left.
  std::vector<FunctionSummary> SkippedSummaries;
  size_t ParsedForSummaries = 0;
  double SummaryRounds = 0, Reanalysis = 0;
  auto Since = [](std::chrono::steady_clock::time_point T) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
        .count();
  };
  auto RoundsStart = std::chrono::steady_clock::now();
  {
    llvm::StringSet<> Summarised, Wanted;
    // What each summarised function calls outside its TU.
    llvm::StringMap<std::vector<std::string>> CallsOf;
    auto Known = [&](const FunctionSummary &S) {
      Summarised.insert(S.Name);
      std::vector<std::string> &Out = CallsOf[S.Name];
      for (const SummaryChain &C : S.Calls)
        Out.push_back(C.back().Callee);
    };
    for (const FunctionSummary &S : Loaded.functions())
      Known(S);
    for (const TUResult &T : Results)
      for (const FunctionSummary &S : T.Summaries)
        Known(S);
    // The callees called in atomic context, and what the summarised ones
    // among them call in turn (ecryptfs: mmap.c calls crypto.c's
    // ecryptfs_read_xattr_region(), which calls inode.c's
    // ecryptfs_getxattr_lower()): those not summarised are wanted.
    {
      std::vector<std::string> Work;
      llvm::StringSet<> Seen;
      for (const TUResult &T : Results)
        for (const auto &KV : T.Stats.AtomicExternalCalls)
          Work.push_back(KV.first);
      while (!Work.empty()) {
        std::string N = std::move(Work.back());
        Work.pop_back();
        if (!Seen.insert(N).second)
          continue;
        if (!Summarised.count(N)) {
          Wanted.insert(N);
          continue;
        }
        for (const std::string &C : CallsOf[N])
          Work.push_back(C);
      }
    }
    std::vector<std::vector<bool>> Parsed;
    for (const GroupRun &GR : GroupRuns)
      Parsed.emplace_back(GR.Skipped.size(), false);
    while (!Wanted.empty() && !Interrupted) {
      llvm::StringSet<> Next;
      bool Any = false;
      for (size_t G = 0; G < GroupRuns.size(); ++G) {
        std::vector<CompileCommand> Batch;
        for (size_t I = 0; I < GroupRuns[G].Skipped.size(); ++I)
          if (!Parsed[G][I] && definesAnyOf(GroupRuns[G].Skipped[I], Wanted)) {
            Parsed[G][I] = true;
            Batch.push_back(GroupRuns[G].Skipped[I]);
          }
        if (Batch.empty())
          continue;
        Any = true;
        ParsedForSummaries += Batch.size();
        TUOptions TUOpts = tuOptions();
        TUOpts.Stop = &Interrupted;
        TUOpts.Summarize = true;
        // Parsed for the summaries only: the prefilter showed that no
        // check can report in them.
        for (TUResult &T :
             runAll(Batch, *GroupRuns[G].Rules, {}, TUOpts, O.Jobs))
          for (FunctionSummary &S : T.Summaries) {
            Summarised.insert(S.Name);
            if (Wanted.count(S.Name))
              for (const SummaryChain &C : S.Calls)
                Next.insert(C.back().Callee);
            SkippedSummaries.push_back(std::move(S));
          }
      }
      if (!Any)
        break;
      Wanted.clear();
      for (const auto &N : Next)
        if (!Summarised.count(N.getKey()))
          Wanted.insert(N.getKey());
    }
  }
  SummaryRounds = Since(RoundsStart);
  SummaryIndex Merged;
  {
    // What --summaries kept of a file this run parsed is replaced.
    llvm::StringSet<> Redone;
    for (const TUResult &T : Results) {
      if (T.Analysed)
        Redone.insert(T.File);
      for (const FunctionSummary &S : T.Summaries)
        Redone.insert(S.File);
    }
    for (const FunctionSummary &S : SkippedSummaries)
      Redone.insert(S.File);
    for (const FunctionSummary &S : Loaded.functions())
      if (!Redone.count(S.File))
        Merged.add(S);
    for (TUResult &T : Results)
      for (FunctionSummary &S : T.Summaries)
        Merged.add(std::move(S));
    for (FunctionSummary &S : SkippedSummaries)
      Merged.add(std::move(S));
    Merged.finalize();
  }
  // A TU the prefilter skipped may call a function of another TU whose
  // summary says it maps, unmaps or changes a depth (a wrapper of the
  // model): it is analysed now, with the merged summaries.
  size_t AnalysedForWrappers = 0;
  // Analyses \p Batch of \p GR's TUs with the merged summaries and puts
  // the results at \p Where; returns how many it analysed.
  auto RunWithMerged = [&](const GroupRun &GR,
                           const std::vector<CompileCommand> &Batch,
                           const std::vector<size_t> &Where) -> size_t {
    if (Batch.empty())
      return 0;
    TUOptions TUOpts = tuOptions();
    TUOpts.Stop = &Interrupted;
    TUOpts.Summaries = &Merged;
    std::vector<TUResult> Now =
        runAll(Batch, *GR.Rules, GR.Checks, TUOpts, O.Jobs);
    for (size_t K = 0; K < Now.size(); ++K)
      Results[Where[K]] = std::move(Now[K]);
    return Batch.size();
  };
  auto ReanalysisStart = std::chrono::steady_clock::now();
  {
    llvm::StringSet<> Wrappers;
    for (const FunctionSummary &S : Merged.functions())
      if (!S.Effects.empty())
        Wrappers.insert(S.Name);
    for (GroupRun &GR : GroupRuns) {
      if (Wrappers.empty() || Interrupted)
        break;
      Prefilter PF(Wrappers);
      std::vector<CompileCommand> Batch;
      std::vector<size_t> Where;
      for (const CompileCommand &C : GR.Skipped) {
        if (!PF.relevant(C))
          continue;
        for (size_t I = 0; I < GR.Commands.size(); ++I)
          if (GR.Commands[I].File.empty() &&
              Results[GR.First + I].File == C.File &&
              !llvm::is_contained(Where, GR.First + I)) {
            Batch.push_back(C);
            Where.push_back(GR.First + I);
            break;
          }
      }
      AnalysedForWrappers += RunWithMerged(GR, Batch, Where);
    }
  }
  size_t Reanalysed = 0;
  for (GroupRun &GR : GroupRuns) {
    std::vector<CompileCommand> Again;
    std::vector<size_t> Where;
    for (size_t I = 0; I < GR.Commands.size(); ++I) {
      const TUResult &T = Results[GR.First + I];
      if (!T.Analysed || GR.Commands[I].File.empty())
        continue;
      bool Differs = llvm::any_of(T.Stats.AtomicExternalCalls,
                                  [&](const auto &KV) {
                                    return (Merged.sleepChain(KV.first) !=
                                            nullptr) != KV.second;
                                  }) ||
                     llvm::any_of(T.Stats.ExternalCalls, [&](const auto &KV) {
                       return Merged.effectSignature(KV.first) != KV.second;
                     }) ||
                     llvm::any_of(T.Stats.DepthCalls,
                                  [&](const auto &KV) {
                                    return Merged.depthUnknown(KV.first) !=
                                           KV.second;
                                  }) ||
                     llvm::any_of(T.Stats.PinnedAcross, [&](const auto &KV) {
                       // A value kept across a call that, by the merged
                       // summaries, writes it.
                       const std::vector<std::string> *W =
                           Merged.writesOf(KV.first);
                       return W && llvm::any_of(KV.second, [&](const auto &N) {
                                return llvm::is_contained(*W, N);
                              });
                     });
      if (!Differs)
        continue;
      Again.push_back(GR.Commands[I]);
      Where.push_back(GR.First + I);
    }
    if (!Interrupted)
      Reanalysed += RunWithMerged(GR, Again, Where);
    for (size_t I = 0; I < GR.Commands.size(); ++I)
      if (GR.Config)
        GR.Config->applyToFindings(Results[GR.First + I].Findings,
                                   Results[GR.First + I].File);
  }
  Reanalysis = Since(ReanalysisStart);
  Bar.clear();
  CatchInterrupt.reset();
  if (Interrupted)
    return interrupted();
  if (O.Stats && O.Prefilter)
    Err << "kmapcheck: stats: " << SkippedByPrefilter << " of " << Analysed
        << " translation unit(s) skipped by the prefilter (nothing the model "
           "acts on in their own code), decided in "
        << llvm::formatv("{0:f2}", PrefilterSeconds) << " s\n";
  if (O.Stats) {
    double Summarising = 0, Analysing = 0;
    for (const TUResult &T : Results) {
      Summarising += T.SummarySeconds;
      Analysing += T.Seconds;
    }
    // Per-TU times are summed over the workers; the rounds are wall time.
    Err << "kmapcheck: stats: summary pass: "
        << llvm::formatv("{0:f2} s summarising in the TUs' parses, of {1:f2} "
                         "s analysing them; {2:f2} s parsing TUs the "
                         "prefilter skipped for their summaries; {3:f2} s "
                         "analysing TUs again",
                         Summarising, Analysing, SummaryRounds, Reanalysis)
        << "\n";
    // Where a run's time goes: what to shard apart or exclude, and what a
    // --timeout-per-tu must allow.
    std::vector<const TUResult *> Slowest;
    for (const TUResult &T : Results)
      if (T.Seconds > 0)
        Slowest.push_back(&T);
    llvm::sort(Slowest, [](const TUResult *A, const TUResult *B) {
      return A->Seconds != B->Seconds ? A->Seconds > B->Seconds
                                      : A->File < B->File;
    });
    // With --verbose, every parsed TU's time: the per-TU benchmark's choice
    // of TUs (bench/whole_tree.py).
    if (O.Verbose)
      for (const TUResult *T : Slowest)
        Err << llvm::formatv("kmapcheck: stats: analysed {0} in {1:f2} s\n",
                             T->File, T->Seconds);
    if (Slowest.size() > 5)
      Slowest.resize(5);
    if (!Slowest.empty()) {
      Err << "kmapcheck: stats: slowest translation unit(s):";
      for (const TUResult *T : Slowest)
        Err << llvm::formatv(" {0} {1:f2} s", T->File, T->Seconds)
            << (T == Slowest.back() ? "" : ",");
      Err << "\n";
    }
  }
  if (O.Stats)
    Err << "kmapcheck: stats: summaries of " << Merged.functions().size()
        << " function(s); " << ParsedForSummaries
        << " translation unit(s) skipped by the prefilter parsed for them; "
        << Reanalysed
        << " translation unit(s) analysed again with the merged summaries\n";
  if (O.Stats && O.Prefilter)
    Err << "kmapcheck: stats: " << AnalysedForWrappers
        << " translation unit(s) skipped by the prefilter analysed for calls "
           "of functions whose summaries map, unmap or change a depth\n";
  if (!O.Summaries.empty() &&
      !writeText(O.Summaries, renderSummaries(Merged.functions())))
    return ExitUsage;
  Report R = merge(Results);
  std::vector<std::string> Files;
  std::vector<CompileCommand> AnalysedCommands;
  for (const Group &G : Groups)
    for (const CompileCommand &C : G.Commands) {
      Files.push_back(C.File);
      AnalysedCommands.push_back(C);
    }
  // The command line's header filters and --warnings-as-errors, after the
  // configuration files' own.
  filterHeaders(R, AnalysedCommands);
  if (std::optional<int> Exit = promoteToErrors(R))
    return *Exit;
  if (llvm::Error E =
          Pipeline.process(R.Findings, Files, [&](llvm::StringRef Id) {
            return EnabledIds.contains(Id);
          }))
    return configError(llvm::toString(std::move(E)));
  R.Filtered = Pipeline.stats();
  for (const std::string &W : Pipeline.warnings())
    Err << W << "\n";
  printDiagnostics(Results, R);
  // The report is rendered before the fixes change the sources it quotes,
  // and written after them: a reader that stops early (| head) does not stop
  // the fixes.
  matchLineEndings(R.Findings);
  if (O.Kbuild)
    relativeToCwd(R.Findings);
  ReportContext Ctx = reportContext(Pipeline, *Rules);
  bool OutputsOk = true;
  std::string ReportText, FixesText;
  if (O.Format == "html") {
    // A directory of pages (-o is required for html), written now.
    if (llvm::Error E =
            renderHtml(O.Output, R.Findings, R.Errors, Ctx, Pipeline.lines())) {
      configError(llvm::toString(std::move(E)));
      OutputsOk = false;
    }
  } else {
    llvm::raw_string_ostream OS(ReportText);
    renderReport(OS, O.Format, R.Findings, R.Errors, Ctx, Pipeline,
                 /*ToFile=*/!O.Output.empty());
  }
  if (!O.ExportFixes.empty()) {
    llvm::raw_string_ostream OS(FixesText);
    renderExportFixes(OS, R.Findings);
  }
  bool FixOk = !O.Fix || fix(R);
  if (O.Kbuild)
    Err << ReportText; // on stderr, interleaved with the build log
  else if (O.Format != "html")
    OutputsOk &= writeText(O.Output, ReportText);
  if (!O.ExportFixes.empty())
    OutputsOk &= writeText(O.ExportFixes, FixesText);
  printSummary(R, Analysed);
  return exitCode(R, OutputsOk, FixOk);
}

llvm::Expected<RuleSet>
Run::loadRuleSet(llvm::StringRef Data, llvm::ArrayRef<std::string> ConfigDirs) {
  // The shipped rules, the reference configuration for the demo and
  // validate, then --rules-dir in order.
  std::vector<std::string> Dirs;
  llvm::SmallString<256> Shipped(Data);
  llvm::sys::path::append(Shipped, "rules");
  Dirs.push_back(std::string(Shipped));
  if (O.Demo || O.Validate) {
    llvm::SmallString<256> RefRules(Data);
    llvm::sys::path::append(RefRules, "reference", "rules");
    Dirs.push_back(std::string(RefRules));
  }
  // A tree's own rules (.kmapcheck.yaml RulesDirs), then the command line's.
  Dirs.insert(Dirs.end(), ConfigDirs.begin(), ConfigDirs.end());
  Dirs.insert(Dirs.end(), O.RulesDirs.begin(), O.RulesDirs.end());
  auto Rules = loadRules(Dirs);
  if (!Rules)
    return Rules.takeError();
  if (llvm::Error E = verifyRegistry(*Rules))
    return E;
  return Rules;
}

int Run::validate(const RuleSet &Rules, llvm::StringRef Data) {
  if (O.Format != "text" && O.Format != "json")
    return usage("validate --format expects text or json, not '" + O.Format +
                 "'");
  ValidateOptions V;
  V.DataDir = Data.str();
  V.ResourceDir = KMAPCHECK_RESOURCE_DIR;
  V.Bound = O.Bound;
  V.Json = O.Format == "json";
  V.ReplayScenario = O.ReplayScenario;
  V.ReplaySchedule = O.ReplaySchedule;
  return runValidate(V, Rules, Out, Err);
}

int Run::explain(const RuleSet &Rules) {
  auto It = Rules.Checks.find(O.Explain);
  if (It == Rules.Checks.end()) {
    std::vector<std::string> Ids;
    for (const auto &KV : Rules.Checks)
      Ids.push_back(KV.first);
    std::string S = closestName(O.Explain, Ids);
    return configError(
        "unknown check '" + O.Explain + "'" +
        (S.empty() ? std::string() : "; did you mean '" + S + "'?"));
  }
  renderExplain(Out, It->second);
  return ExitClean;
}

ProjectConfig Run::effectiveConfig(const ProjectConfig *C) const {
  ProjectConfig E = C ? *C : ProjectConfig();
  // Later globs win: the command line's --checks after the file's.
  if (O.ChecksGiven)
    E.Checks = E.Checks ? *E.Checks + "," + O.Checks : O.Checks;
  else if (!E.Checks)
    E.Checks = O.Checks;
  for (const auto &KV : O.CheckOptions)
    E.CheckOptions[KV.first] = KV.second;
  return E;
}

std::optional<int>
Run::enableChecks(const RuleSet &Rules, std::vector<EnabledCheck> &Enabled,
                  llvm::StringRef Checks,
                  const std::map<std::string, std::string> &CheckOptions) {
  std::vector<std::string> Ids;
  for (const RegisteredCheck &RC : registeredChecks())
    Ids.push_back(RC.Id);
  llvm::sort(Ids);
  auto Filter = CheckFilter::parse(Checks, Ids);
  if (!Filter)
    return usage(llvm::toString(Filter.takeError()));
  for (const RegisteredCheck &RC : registeredChecks()) {
    if (!Filter->enabled(RC.Id))
      continue;
    const CheckSpec &Spec = Rules.Checks.at(RC.Id);
    auto Opts = resolveOptions(Spec, CheckOptions);
    if (!Opts)
      return usage(llvm::toString(Opts.takeError()));
    Enabled.push_back({&Spec, std::move(*Opts), RC.Create});
  }
  for (const auto &KV : CheckOptions) {
    llvm::StringRef Check = llvm::StringRef(KV.first).rsplit('.').first;
    if (!Rules.Checks.count(Check.str()))
      return usage("--check-option names unknown check '" + Check + "'");
  }
  return std::nullopt;
}

TUOptions Run::tuOptions() const {
  TUOptions T;
  T.ResourceDir = KMAPCHECK_RESOURCE_DIR;
  T.ExtraArgs = O.ExtraArgs;
  T.ExtraArgsBefore = O.ExtraArgsBefore;
  T.SystemHeaders = O.SystemHeaders;
  T.TimeoutSeconds = O.TimeoutPerTu;
  T.MaxNodes = O.MaxNodes;
  if (O.SkipBodies)
    T.Bodies = std::make_shared<HeaderIndex>();
  return T;
}

int Run::printCommands(const std::vector<CompileCommand> &Commands) {
  TUOptions TUOpts = tuOptions();
  llvm::json::Array DB;
  for (const CompileCommand &C : Commands) {
    llvm::json::Array Argv;
    for (const std::string &A : clangCommandFor(C, TUOpts))
      Argv.push_back(A);
    DB.push_back(llvm::json::Object{{"directory", C.Directory},
                                    {"file", C.File},
                                    {"arguments", std::move(Argv)}});
  }
  Out << llvm::formatv("{0:2}", llvm::json::Value(std::move(DB))) << "\n";
  return ExitClean;
}

Report Run::merge(std::vector<TUResult> &Results) {
  Report R;
  for (TUResult &T : Results) {
    if (!T.Analysed) {
      R.Errors.push_back({T.File, T.Error});
      continue;
    }
    for (Finding &F : T.Findings)
      R.Findings.push_back(std::move(F));
  }
  // One file reached through two names (a symbolic link, a second include
  // directory) is one file: reported once, fixed once.
  canonicalizePaths(R.Findings);
  sortAndDedupe(R.Findings);
  // By file, so that shards merged ('kmapcheck merge') list them as one run.
  llvm::stable_sort(R.Errors, [](const ToolError &A, const ToolError &B) {
    return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
  });
  return R;
}

std::string Run::sourceRoot(llvm::StringRef Data) const {
  if (!O.SourceRoot.empty())
    return absolutePath(O.SourceRoot);
  if (O.Demo)
    return Data.str();
  if (O.HasFixedArgs)
    return absolutePath(".");
  std::string DB =
      O.Database.empty()
          ? findCompileDatabase(O.Paths.empty() ? "." : O.Paths.front())
          : O.Database;
  if (DB.empty())
    return absolutePath(".");
  DB = absolutePath(DB);
  if (llvm::sys::fs::is_directory(DB))
    return DB;
  return std::string(llvm::sys::path::parent_path(DB));
}

ReportOptions Run::reportOptions(llvm::StringRef Data) const {
  ReportOptions R;
  for (const RegisteredCheck &RC : registeredChecks())
    R.KnownChecks.push_back(RC.Id);
  R.Format = O.Format;
  R.SourceRoot = sourceRoot(Data);
  R.DiffBase = O.DiffBase;
  R.LineFilterJson = O.LineFilter;
  R.BaselineFile = O.Baseline;
  R.WriteBaselineFile = O.WriteBaseline;
  R.RequireSuppressionReason = O.RequireSuppressionReason;
  R.ReportUnusedSuppressions = O.ReportUnusedSuppressions;
  return R;
}

void Run::filterHeaders(Report &R,
                        const std::vector<CompileCommand> &Commands) {
  if (O.HeaderFilter.empty() && O.ExcludeHeaderFilter.empty())
    return;
  llvm::StringSet<> MainFiles;
  for (const CompileCommand &C : Commands) {
    llvm::SmallString<256> Real;
    MainFiles.insert(llvm::sys::fs::real_path(C.File, Real) ? C.File
                                                            : Real.str());
  }
  llvm::Regex Include(O.HeaderFilter), Exclude(O.ExcludeHeaderFilter);
  llvm::erase_if(R.Findings, [&](const Finding &F) {
    if (MainFiles.count(F.Loc.File))
      return false;
    if (!O.HeaderFilter.empty() && !Include.match(F.Loc.File))
      return true;
    return !O.ExcludeHeaderFilter.empty() && Exclude.match(F.Loc.File);
  });
}

std::optional<int> Run::promoteToErrors(Report &R) {
  if (O.WarningsAsErrors.empty())
    return std::nullopt;
  std::vector<std::string> Ids;
  for (const RegisteredCheck &RC : registeredChecks())
    Ids.push_back(RC.Id);
  auto Filter = CheckFilter::parse(O.WarningsAsErrors, Ids);
  if (!Filter)
    return usage("--warnings-as-errors: " + llvm::toString(Filter.takeError()));
  for (Finding &F : R.Findings)
    if (F.Level == Severity::Warning && Filter->enabled(F.CheckId))
      F.Level = Severity::Error;
  return std::nullopt;
}

void Run::printDiagnostics(const std::vector<TUResult> &Results,
                           const Report &R) {
  if (O.Verbose)
    for (const TUResult &T : Results)
      if (!T.DroppedArgs.empty())
        Err << "kmapcheck: " << T.File << ": dropped compiler arguments: "
            << llvm::join(T.DroppedArgs, " ") << "\n";
  if (O.Stats) {
    unsigned Analysed = 0, Skipped = 0, Bounded = 0, Unidentified = 0;
    for (const TUResult &T : Results) {
      Analysed += T.Stats.FunctionsAnalysed;
      Skipped += T.Stats.FunctionsSkipped;
      Bounded += T.Stats.BoundHit.size();
      Unidentified += T.Stats.UnmapsUnidentified;
    }
    Err << "kmapcheck: stats: " << Analysed
        << " function(s) analysed path-sensitively, " << Skipped
        << " skipped (no modeled call reachable), " << Bounded
        << " hit the analysis bound\n";
    Err << "kmapcheck: stats: " << Unidentified
        << " unmap(s) whose mapping could not be told on some path (not "
           "judged there)\n";
    for (const TUResult &T : Results)
      for (const std::string &F : T.Stats.BoundHit)
        Err << "kmapcheck: stats: bound hit: " << T.File << ": " << F << "\n";
    // One PathStats counter summed over the run's TUs.
    auto Total = [&](unsigned PathStats::*Field) {
      unsigned N = 0;
      for (const TUResult &T : Results)
        N += T.Stats.*Field;
      return N;
    };
    unsigned AfterBound = Total(&PathStats::AnalysedAfterBound);
    if (AfterBound)
      Err << "kmapcheck: stats: " << AfterBound
          << " function(s) analysed on their own because a caller that "
             "inlined them hit the bound\n";
    unsigned NotAlone = Total(&PathStats::BoundCalleesNotAlone);
    if (NotAlone)
      Err << "kmapcheck: stats: " << NotAlone
          << " function(s) inlined into a caller that hit the bound not "
             "analysed on their own (they map, unmap and change no depth "
             "themselves)\n";
    unsigned LeanRetries = Total(&PathStats::LeanRetries);
    unsigned LeanFinished = Total(&PathStats::LeanFinished);
    if (LeanRetries)
      Err << "kmapcheck: stats: " << LeanRetries
          << " function(s) that map or unmap analysed again lean after "
             "hitting the bound (helpers with no modeled effect not "
             "inlined), "
          << LeanFinished << " of them within the larger budget\n";
    unsigned Indirect = Total(&PathStats::IndirectSmallBudget);
    if (Indirect)
      Err << "kmapcheck: stats: " << Indirect
          << " function(s) that reach the model only through their callees "
             "analysed with half the node budget, "
          << Total(&PathStats::IndirectSmallBudgetHit)
          << " of them cut short by it\n";
    unsigned Forwarders = Total(&PathStats::ForwardersSkipped);
    if (Forwarders)
      Err << "kmapcheck: stats: " << Forwarders
          << " forwarding function(s) not analysed again (an equal forwarder "
             "of the same callee was)\n";
    if (O.SkipBodies) {
      unsigned BodiesSkipped = 0, BodiesKept = 0, Reparsed = 0;
      for (const TUResult &T : Results) {
        BodiesSkipped += T.Bodies.Skipped;
        BodiesKept += T.Bodies.Kept;
        Reparsed += T.Bodies.Reparsed;
      }
      Err << "kmapcheck: stats: " << BodiesSkipped
          << " header function body(ies) skipped, " << BodiesKept << " parsed; "
          << Reparsed
          << " TU(s) parsed again in full (a skipped body could have "
             "mattered)\n";
      if (O.Verbose)
        for (const TUResult &T : Results)
          if (T.Bodies.Reparsed)
            Err << "kmapcheck: stats: parsed again in full: " << T.File << ": "
                << T.Bodies.ReparseReason << "\n";
    }
    unsigned UnknownLocks = 0;
    for (const TUResult &T : Results)
      UnknownLocks += T.Stats.UnknownLocks;
    if (UnknownLocks)
      Err << "kmapcheck: stats: " << UnknownLocks
          << " lock operation(s) of unknown identity (never reported)\n";
    unsigned Cursors = 0;
    for (const TUResult &T : Results)
      Cursors += T.Stats.CursorUnmapsUnbounded;
    if (Cursors)
      Err << "kmapcheck: stats: " << Cursors
          << " unmap(s) given a moved cursor whose reach could not be "
             "bounded on some path (not judged there)\n";
    std::map<std::string, unsigned> Undecided;
    for (const TUResult &T : Results)
      for (const auto &KV : T.Stats.Undecided)
        Undecided[KV.first] += KV.second;
    for (const auto &KV : Undecided)
      Err << "kmapcheck: stats: " << KV.first << ": " << KV.second
          << " site(s) not judged on some path (the engine could not tell; "
             "never reported)\n";
    unsigned GfpUnknown = 0;
    for (const TUResult &T : Results)
      GfpUnknown += T.Stats.GfpFlagsUnknown;
    if (GfpUnknown)
      Err << "kmapcheck: stats: " << GfpUnknown
          << " allocation(s) in atomic context whose GFP flags are not "
             "constant on the path (not judged there)\n";
  }
  for (const ToolError &E : R.Errors)
    Err << E.Message << " [kmapcheck: translation unit " << E.File
        << " not analysed]\n";
}

ReportContext Run::reportContext(const ReportPipeline &P,
                                 const RuleSet &Rules) const {
  ReportContext Ctx;
  Ctx.SourceRoot = P.options().SourceRoot;
  Ctx.Rules = &Rules;
  Ctx.ToolVersion = KMAPCHECK_VERSION;
  Ctx.InformationUri = KMAPCHECK_HOMEPAGE_URL;
  return Ctx;
}

/// Whether \p A and \p B name one file (through links, too).
static bool sameFile(llvm::StringRef A, llvm::StringRef B) {
  llvm::sys::fs::UniqueID IA, IB;
  if (!llvm::sys::fs::getUniqueID(A, IA) && !llvm::sys::fs::getUniqueID(B, IB))
    return IA == IB;
  return absolutePath(A) == absolutePath(B);
}

std::optional<int>
Run::checkOutputs(const std::vector<CompileCommand> &Commands) {
  for (const std::string *Opt : {&O.Output, &O.ExportFixes}) {
    if (Opt->empty())
      continue;
    llvm::StringRef Name = Opt == &O.Output ? "-o" : "--export-fixes";
    for (const CompileCommand &C : Commands)
      if (sameFile(*Opt, C.File))
        return usage(Name + " names an input, '" + *Opt +
                     "'; the output would overwrite it");
    for (const std::string &P : O.Paths)
      if (sameFile(*Opt, P))
        return usage(Name + " names an input, '" + *Opt +
                     "'; the output would overwrite it");
  }
  if (!O.Output.empty() && !O.ExportFixes.empty() &&
      sameFile(O.Output, O.ExportFixes))
    return usage("-o and --export-fixes name the same file, '" + O.Output +
                 "'");
  return std::nullopt;
}

bool Run::writeText(const std::string &Path, llvm::StringRef Text) {
  if (Path.empty()) {
    Out << Text;
    Out.flush();
    if (!Out.has_error())
      return true;
    std::error_code EC = Out.error();
    Out.clear_error();
    if (EC == std::errc::broken_pipe)
      return true; // the reader stopped early (| head): its choice
    configError("cannot write the report to standard output: " + EC.message());
    return false;
  }
  // Termination signals are held until the file is complete: an
  // interrupted run leaves the whole report or none.
  sigset_t Set, Old;
  sigemptyset(&Set);
  for (int S : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    sigaddset(&Set, S);
  pthread_sigmask(SIG_BLOCK, &Set, &Old);
  struct Restore {
    sigset_t &Old;
    ~Restore() { pthread_sigmask(SIG_SETMASK, &Old, nullptr); }
  } RestoreMask{Old};
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    configError("cannot write '" + Path + "': " + EC.message());
    return false;
  }
  OS << Text;
  OS.close();
  if (OS.has_error()) {
    EC = OS.error();
    OS.clear_error();
    configError("cannot write '" + Path + "': " + EC.message());
    return false;
  }
  return true;
}

bool Run::fix(const Report &R) {
  FixOutcome FO = applyFixes(R.Findings);
  for (const std::string &M : FO.Messages)
    Err << M << "\n";
  if (!O.Quiet)
    Err << "kmapcheck: applied " << FO.AppliedFixes << " fix-it(s) in "
        << FO.ChangedFiles.size() << " file(s)"
        << (FO.RefusedFixes ? ", refused " + std::to_string(FO.RefusedFixes) +
                                  " conflicting fix-it(s)"
                            : std::string())
        << "\n";
  return !FO.HadError;
}

void Run::printSummary(const Report &R, size_t TUs) {
  if (O.Quiet)
    return;
  if (!O.Baseline.empty())
    Err << "kmapcheck: " << R.Filtered.Baselined
        << " finding(s) hidden by the baseline " << O.Baseline << "\n";
  unsigned WithFix = 0;
  for (const Finding &F : R.Findings)
    WithFix += !F.Fixes.empty();
  Err << "kmapcheck: " << R.Findings.size() << " finding(s), " << WithFix
      << " with a fix-it, in " << (TUs - R.Errors.size())
      << " translation unit(s)"
      << (R.Filtered.Suppressed
              ? "; " + std::to_string(R.Filtered.Suppressed) + " suppressed"
              : std::string())
      << (R.Filtered.OutsideDiff
              ? "; " + std::to_string(R.Filtered.OutsideDiff) +
                    " outside the changed lines"
              : std::string())
      << (R.Errors.empty() ? std::string()
                           : "; " + std::to_string(R.Errors.size()) +
                                 " could not be analysed")
      << "\n";
}

int Run::exitCode(const Report &R, bool OutputsOk, bool FixOk) const {
  if (!R.Errors.empty())
    return ExitUnanalysed;
  if (!OutputsOk || !FixOk)
    return ExitUsage;
  for (const Finding &F : R.Findings)
    if (O.FailOn && F.Level >= *O.FailOn)
      return ExitFindings;
  return ExitClean;
}

} // namespace

int runKmapcheck(const char *Argv0, llvm::ArrayRef<const char *> Args,
                 llvm::raw_fd_ostream &Out, llvm::raw_ostream &Err) {
  if (!Args.empty() && llvm::StringRef(Args.front()) == "merge")
    return runMerge(dataDir(Argv0), Args.drop_front(), Out, Err);
  Run R(Argv0, Out, Err);
  return R.main(Args);
}

} // namespace kmapcheck
