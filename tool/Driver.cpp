//===- Driver.cpp - The kmapcheck command line ----------------------------===//
//
// Run::main is the data flow of a run: options -> rules -> enabled checks ->
// input selection (the commands to run) -> the runner (one result per TU) ->
// findings merged, deduplicated and sorted -> suppressions -> report, fixes,
// exit code. Each step is a component of its own in tool/.
//
//===----------------------------------------------------------------------===//
#include "tool/Driver.h"

#include "checks/CheckRegistry.h"
#include "core/RulesLoader.h"
#include "tool/CheckFilter.h"
#include "tool/FixApplier.h"
#include "tool/InputSelection.h"
#include "tool/Options.h"
#include "tool/Renderers.h"
#include "tool/Runner.h"
#include "tool/Suppressions.h"
#include "tool/TUAnalysis.h"
#include "tool/Validate.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

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

/// What the analysis of all TUs produced, merged.
struct Report {
  std::vector<Finding> Findings; // sorted, deduplicated, not suppressed
  std::vector<ToolError> Errors; // TUs that could not be analysed
  unsigned Suppressed = 0;
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

  llvm::Expected<RuleSet> loadRuleSet(llvm::StringRef Data);
  int validate(const RuleSet &Rules, llvm::StringRef Data);
  int explain(const RuleSet &Rules);
  /// The checks --checks and --check-option enable, or an exit code.
  std::optional<int> enableChecks(const RuleSet &Rules,
                                  std::vector<EnabledCheck> &Enabled);
  TUOptions tuOptions() const;
  int printCommands(const std::vector<CompileCommand> &Commands);
  Report merge(std::vector<TUResult> &Results);
  /// --header-filter, --exclude-header-filter: findings in headers.
  void filterHeaders(Report &R, const std::vector<CompileCommand> &Commands);
  /// --warnings-as-errors.
  std::optional<int> promoteToErrors(Report &R);
  void printDiagnostics(const std::vector<TUResult> &Results, const Report &R);
  /// -o and --export-fixes must not name an input or each other.
  std::optional<int> checkOutputs(const std::vector<CompileCommand> &Commands);
  /// Writes \p Text to \p Path ("" for stdout); false after an error,
  /// which names the file. A reader that closed stdout early is its choice.
  bool writeText(const std::string &Path, llvm::StringRef Text);
  /// Applies the fix-its; false when a file could not be written.
  bool fix(const Report &R);
  void printSummary(const Report &R, size_t TUs);
  int exitCode(const Report &R, bool OutputsOk, bool FixOk) const;

  const char *Argv0;
  llvm::raw_fd_ostream &Out;
  llvm::raw_ostream &Err;
  Options O;
};

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

  std::vector<EnabledCheck> Enabled;
  if (std::optional<int> Exit = enableChecks(*Rules, Enabled))
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
    return usage("no checks enabled by --checks='" + O.Checks + "'");

  auto Commands = selectInputs(O, Data, Err);
  if (!Commands)
    return configError(llvm::toString(Commands.takeError()));
  if (O.PrintCommands)
    return printCommands(*Commands);
  if (std::optional<int> Exit = checkOutputs(*Commands))
    return *Exit;

  std::vector<TUResult> Results =
      runAll(*Commands, *Rules, Enabled, tuOptions(), O.Jobs);
  Report R = merge(Results);
  filterHeaders(R, *Commands);
  if (std::optional<int> Exit = promoteToErrors(R))
    return *Exit;
  Suppressions Supp;
  R.Suppressed = Supp.apply(R.Findings);
  {
    std::vector<std::string> Files, Known;
    for (const TUResult &T : Results)
      if (T.Analysed)
        Files.push_back(T.File);
    for (const Finding &F : R.Findings)
      Files.push_back(F.Loc.File);
    for (const RegisteredCheck &RC : registeredChecks())
      Known.push_back(RC.Id);
    Supp.warnUnknownChecks(Files, Known, Err);
  }
  printDiagnostics(Results, R);
  // The report is rendered before the fixes change the sources it quotes,
  // and written after them: a reader that stops early (| head) does not stop
  // the fixes.
  matchLineEndings(R.Findings);
  std::string ReportText, FixesText;
  {
    llvm::raw_string_ostream OS(ReportText);
    renderReport(O.Format, OS, R.Findings, R.Errors,
                 /*ToFile=*/!O.Output.empty());
  }
  if (!O.ExportFixes.empty()) {
    llvm::raw_string_ostream OS(FixesText);
    renderExportFixes(OS, R.Findings);
  }
  bool FixOk = !O.Fix || fix(R);
  bool OutputsOk = writeText(O.Output, ReportText);
  if (!O.ExportFixes.empty())
    OutputsOk &= writeText(O.ExportFixes, FixesText);
  printSummary(R, Commands->size());
  return exitCode(R, OutputsOk, FixOk);
}

llvm::Expected<RuleSet> Run::loadRuleSet(llvm::StringRef Data) {
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

std::optional<int> Run::enableChecks(const RuleSet &Rules,
                                     std::vector<EnabledCheck> &Enabled) {
  std::vector<std::string> Ids;
  for (const RegisteredCheck &RC : registeredChecks())
    Ids.push_back(RC.Id);
  llvm::sort(Ids);
  auto Filter = CheckFilter::parse(O.Checks, Ids);
  if (!Filter)
    return usage(llvm::toString(Filter.takeError()));
  for (const RegisteredCheck &RC : registeredChecks()) {
    if (!Filter->enabled(RC.Id))
      continue;
    const CheckSpec &Spec = Rules.Checks.at(RC.Id);
    auto Opts = resolveOptions(Spec, O.CheckOptions);
    if (!Opts)
      return usage(llvm::toString(Opts.takeError()));
    Enabled.push_back({&Spec, std::move(*Opts), RC.Create});
  }
  for (const auto &KV : O.CheckOptions) {
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
    unsigned Analysed = 0, Skipped = 0, Bounded = 0;
    for (const TUResult &T : Results) {
      Analysed += T.Stats.FunctionsAnalysed;
      Skipped += T.Stats.FunctionsSkipped;
      Bounded += T.Stats.BoundHit.size();
    }
    Err << "kmapcheck: stats: " << Analysed
        << " function(s) analysed path-sensitively, " << Skipped
        << " skipped (no modeled call reachable), " << Bounded
        << " hit the analysis bound\n";
    for (const TUResult &T : Results)
      for (const std::string &F : T.Stats.BoundHit)
        Err << "kmapcheck: stats: bound hit: " << T.File << ": " << F << "\n";
  }
  for (const ToolError &E : R.Errors)
    Err << E.Message << " [kmapcheck: translation unit " << E.File
        << " not analysed]\n";
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
  unsigned WithFix = 0;
  for (const Finding &F : R.Findings)
    WithFix += !F.Fixes.empty();
  Err << "kmapcheck: " << R.Findings.size() << " finding(s), " << WithFix
      << " with a fix-it, in " << (TUs - R.Errors.size())
      << " translation unit(s)"
      << (R.Suppressed ? "; " + std::to_string(R.Suppressed) + " suppressed"
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
  Run R(Argv0, Out, Err);
  return R.main(Args);
}

} // namespace kmapcheck
