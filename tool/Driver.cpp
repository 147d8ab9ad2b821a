//===- Driver.cpp - The kmapcheck command line ----------------------------===//
#include "tool/Driver.h"

#include "checks/CheckRegistry.h"
#include "core/RulesLoader.h"
#include "tool/CheckFilter.h"
#include "tool/CompileDatabase.h"
#include "tool/FixApplier.h"
#include "tool/Renderers.h"
#include "tool/TUAnalysis.h"
#include "tool/Validate.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/ToolOutputFile.h"
#include <map>
#include <mutex>
#include <optional>

namespace kmapcheck {

static const char HelpText[] =
    R"(USAGE: kmapcheck [options] [paths...] [-- compiler args]
       kmapcheck validate [--format=text|json] [--bound N]
       kmapcheck validate --replay SCENARIO SCHEDULE

Static analysis of the Linux kernel's highmem API (kmap*, kunmap*,
pagefault_*, and the locks and TLB flushes around them).

With no arguments, kmapcheck analyses the scenarios of its embedded
reference implementation (reference/); 'kmapcheck validate' runs each
scenario on the reference model and compares the dynamic verdict with the
static one (exit 1 on any disagreement).

Selecting translation units:
  -p <dir|file>          compile_commands.json, or the directory holding it.
                         Default: searched upward from the first path (or the
                         current directory), as clang tools do.
  paths...               files, or directories meaning every TU below them.
                         Default: every TU in the database.
  -- <args>              no database: analyse the given files with these
                         compiler arguments.
  -j <N>                 parallel workers (default: number of cores).
  --extra-arg=<arg>      append an argument to every compile command.

Checks and rules:
  --checks=<globs>       clang-tidy syntax, e.g. '-*,kmap-*'. Default '*'.
  --check-option=<check>.<name>=<value>
                         override an option of a check.
  --list-checks          print the enabled check ids and exit.
  --explain <id>         print a check's description and examples and exit.
  --rules-dir <dir>      extra rules (api/, checks/) that extend or override
                         the shipped model; may be repeated.

Output:
  --format=text|json     text is clang style (default).
  -o <file>              write the report to <file>.
  --export-fixes <file>  write fix-its in clang-apply-replacements YAML.
  --fix                  apply fix-its in place (atomic per file).
  --fail-on=note|warning|error|none
                         lowest severity that makes the exit code 1
                         (default: warning).
  --print-clang-commands print the sanitized clang command of each selected
                         TU as a compile database (JSON) and exit.
  --stats                print how many functions the path-sensitive engine
                         analysed and every function whose analysis hit a
                         bound (incomplete, never silent).
  --quiet                no summary line on stderr.
  --verbose              also print the compiler flags dropped per TU.
  --version, --help

Exit codes:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error (bad option, rules, compile database)
  3  some translation unit could not be analysed (takes precedence over 1)
)";

namespace {

struct Options {
  std::string Database;
  std::vector<std::string> Paths;
  std::vector<std::string> FixedArgs;
  bool HasFixedArgs = false;
  unsigned Jobs = 0;
  std::string Checks = "*";
  std::map<std::string, std::string> CheckOptions;
  bool ListChecks = false;
  std::string Explain;
  std::vector<std::string> RulesDirs;
  std::string Format = "text";
  std::string Output;
  std::string ExportFixes;
  bool Fix = false;
  std::optional<Severity> FailOn = Severity::Warning;
  bool Quiet = false;
  bool Verbose = false;
  std::vector<std::string> ExtraArgs;
  bool Demo = false;
  bool PrintCommands = false;
  bool Stats = false;
  bool Validate = false;
  unsigned Bound = 2;
  std::string ReplayScenario, ReplaySchedule;
};

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

std::string absolute(llvm::StringRef P) {
  llvm::SmallString<256> A(P);
  llvm::sys::fs::make_absolute(A);
  llvm::sys::path::remove_dots(A, true);
  return std::string(A);
}

bool isUnder(llvm::StringRef File, llvm::StringRef Dir) {
  if (File == Dir)
    return true;
  return File.starts_with(Dir) && File.size() > Dir.size() &&
         llvm::sys::path::is_separator(File[Dir.size()]);
}

/// Collects *.c files below \p Dir, sorted.
void collectSources(llvm::StringRef Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".c"))
      Out.push_back(absolute(It->path()));
  llvm::sort(Out);
}

class Run {
public:
  Run(const char *Argv0, llvm::raw_ostream &Out, llvm::raw_ostream &Err)
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
  std::optional<int> parse(llvm::ArrayRef<const char *> Args);

  const char *Argv0;
  llvm::raw_ostream &Out;
  llvm::raw_ostream &Err;
  Options O;
};

std::optional<int> Run::parse(llvm::ArrayRef<const char *> Args) {
  if (Args.empty())
    O.Demo = true;
  size_t First = 0;
  if (!Args.empty() && llvm::StringRef(Args[0]) == "validate") {
    O.Validate = true;
    First = 1;
  }
  for (size_t I = First; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    // Value of "--name=value" or "--name value" / "-x value" / "-xvalue".
    auto Value = [&](llvm::StringRef Name, std::string &Dest) -> int {
      if (A == Name) {
        if (I + 1 >= Args.size())
          return -1;
        Dest = Args[++I];
        return 1;
      }
      llvm::StringRef Rest = A;
      if (Rest.consume_front(Name)) {
        if (Name.starts_with("--")) {
          if (!Rest.consume_front("="))
            return 0;
        } else {
          Rest.consume_front("=");
        }
        Dest = Rest.str();
        return 1;
      }
      return 0;
    };
    std::string V;
    int R;
    if (A == "--") {
      O.HasFixedArgs = true;
      for (++I; I < Args.size(); ++I)
        O.FixedArgs.push_back(Args[I]);
      break;
    }
    if (A == "--help" || A == "-help" || A == "-h") {
      Out << HelpText;
      return ExitClean;
    }
    if (A == "--version") {
      Out << "kmapcheck " << KMAPCHECK_VERSION << "\n";
      return ExitClean;
    }
    if (A == "--list-checks") {
      O.ListChecks = true;
      continue;
    }
    if (A == "--fix") {
      O.Fix = true;
      continue;
    }
    if (A == "--quiet") {
      O.Quiet = true;
      continue;
    }
    if (O.Validate && A == "--replay") {
      if (I + 2 >= Args.size())
        return usage("--replay needs a scenario and a schedule");
      O.ReplayScenario = Args[++I];
      O.ReplaySchedule = Args[++I];
      continue;
    }
    if (O.Validate && (R = Value("--bound", V))) {
      if (R < 0 || llvm::StringRef(V).getAsInteger(10, O.Bound) || O.Bound > 8)
        return usage("--bound expects a preemption bound from 0 to 8");
      continue;
    }
    if (A == "--stats") {
      O.Stats = true;
      continue;
    }
    if (A == "--print-clang-commands") {
      O.PrintCommands = true;
      continue;
    }
    if (A == "--verbose") {
      O.Verbose = true;
      continue;
    }
    if ((R = Value("-p", O.Database)) || (R = Value("--explain", O.Explain)) ||
        (R = Value("--checks", O.Checks)) ||
        (R = Value("--format", O.Format)) || (R = Value("-o", O.Output)) ||
        (R = Value("--export-fixes", O.ExportFixes))) {
      if (R < 0)
        return usage("option '" + A + "' needs a value");
      continue;
    }
    if ((R = Value("--rules-dir", V))) {
      if (R < 0)
        return usage("option '" + A + "' needs a value");
      O.RulesDirs.push_back(V);
      continue;
    }
    if ((R = Value("--extra-arg", V))) {
      if (R < 0)
        return usage("option '" + A + "' needs a value");
      O.ExtraArgs.push_back(V);
      continue;
    }
    if ((R = Value("-j", V))) {
      unsigned N;
      if (R < 0 || llvm::StringRef(V).getAsInteger(10, N) || N == 0)
        return usage("-j needs a positive number of workers");
      O.Jobs = N;
      continue;
    }
    if ((R = Value("--fail-on", V))) {
      Severity S;
      if (V == "none")
        O.FailOn.reset();
      else if (R > 0 && parseSeverity(V, S))
        O.FailOn = S;
      else
        return usage("--fail-on expects note, warning, error or none");
      continue;
    }
    if ((R = Value("--check-option", V))) {
      llvm::StringRef KV = V;
      auto [Key, Val] = KV.split('=');
      if (R < 0 || !KV.contains('=') || !Key.contains('.'))
        return usage("--check-option expects <check>.<option>=<value>");
      O.CheckOptions[Key.str()] = Val.str();
      continue;
    }
    if (A.starts_with("-") && A.size() > 1)
      return usage("unknown option '" + A + "'");
    O.Paths.push_back(A.str());
  }
  if (O.Format != "text" && O.Format != "json")
    return usage("--format expects text or json, not '" + O.Format + "'");
  return std::nullopt;
}

int Run::main(llvm::ArrayRef<const char *> Args) {
  if (auto R = parse(Args))
    return *R;
  std::string Data = dataDir(Argv0);

  // Rules: the shipped ones, then --rules-dir in order.
  std::vector<std::string> Dirs;
  llvm::SmallString<256> Shipped(Data);
  llvm::sys::path::append(Shipped, "rules");
  Dirs.push_back(std::string(Shipped));
  // The reference model is one configuration (reference/rules/).
  if (O.Demo || O.Validate) {
    llvm::SmallString<256> RefRules(Data);
    llvm::sys::path::append(RefRules, "reference", "rules");
    Dirs.push_back(std::string(RefRules));
  }
  Dirs.insert(Dirs.end(), O.RulesDirs.begin(), O.RulesDirs.end());
  auto Rules = loadRules(Dirs);
  if (!Rules)
    return configError(llvm::toString(Rules.takeError()));
  if (llvm::Error E = verifyRegistry(*Rules))
    return configError(llvm::toString(std::move(E)));

  std::vector<std::string> Ids;
  for (const RegisteredCheck &RC : registeredChecks())
    Ids.push_back(RC.Id);
  llvm::sort(Ids);

  if (O.Validate) {
    ValidateOptions V;
    V.DataDir = Data;
    V.ResourceDir = KMAPCHECK_RESOURCE_DIR;
    V.Bound = O.Bound;
    V.Json = O.Format == "json";
    V.ReplayScenario = O.ReplayScenario;
    V.ReplaySchedule = O.ReplaySchedule;
    return runValidate(V, *Rules, Out, Err);
  }

  if (!O.Explain.empty()) {
    auto It = Rules->Checks.find(O.Explain);
    if (It == Rules->Checks.end()) {
      std::string S = closestName(O.Explain, Ids);
      return configError(
          "unknown check '" + O.Explain + "'" +
          (S.empty() ? std::string() : "; did you mean '" + S + "'?"));
    }
    const CheckSpec &C = It->second;
    Out << C.Id << " (" << severityName(C.Level) << "): " << C.Summary << "\n\n"
        << llvm::StringRef(C.Description).rtrim() << "\n";
    if (!C.Options.empty()) {
      Out << "\nOptions:\n";
      for (const CheckOption &Opt : C.Options)
        Out << "  " << Opt.Name << " (default: " << Opt.Default << ")"
            << (Opt.Description.empty() ? "" : ": ") << Opt.Description << "\n";
    }
    auto Indent = [&](llvm::StringRef Text) {
      llvm::SmallVector<llvm::StringRef, 16> Lines;
      Text.rtrim().split(Lines, '\n');
      for (llvm::StringRef L : Lines)
        Out << (L.empty() ? "" : "    ") << L << "\n";
    };
    Out << "\nBad:\n";
    Indent(C.BadExample);
    Out << "\nGood:\n";
    Indent(C.GoodExample);
    return ExitClean;
  }

  auto Filter = CheckFilter::parse(O.Checks, Ids);
  if (!Filter)
    return usage(llvm::toString(Filter.takeError()));
  std::vector<EnabledCheck> Enabled;
  for (const RegisteredCheck &RC : registeredChecks()) {
    if (!Filter->enabled(RC.Id))
      continue;
    const CheckSpec &Spec = Rules->Checks.at(RC.Id);
    auto Opts = resolveOptions(Spec, O.CheckOptions);
    if (!Opts)
      return usage(llvm::toString(Opts.takeError()));
    Enabled.push_back({&Spec, std::move(*Opts), RC.Create});
  }
  for (const auto &KV : O.CheckOptions) {
    llvm::StringRef Check = llvm::StringRef(KV.first).rsplit('.').first;
    if (!Rules->Checks.count(Check.str()))
      return usage("--check-option names unknown check '" + Check + "'");
  }
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

  // Translation units.
  std::vector<CompileCommand> Commands;
  if (O.Demo) {
    llvm::SmallString<256> Scenarios(Data), Inc(Data);
    llvm::sys::path::append(Scenarios, "reference", "scenarios");
    llvm::sys::path::append(Inc, "reference", "include");
    std::vector<std::string> Files;
    collectSources(Scenarios, Files);
    for (const std::string &F : Files)
      Commands.push_back({std::string(llvm::sys::path::parent_path(F)),
                          F,
                          {"cc", "-std=gnu11", "-I" + std::string(Inc), F}});
    if (!O.Quiet)
      Err << "kmapcheck: no arguments; analysing the reference scenarios in "
          << Scenarios << " (see 'kmapcheck --help', 'kmapcheck validate')\n";
  } else if (O.HasFixedArgs) {
    if (O.Paths.empty())
      return usage("no source files given before '--'");
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    for (const std::string &P : O.Paths) {
      std::vector<std::string> Files;
      if (llvm::sys::fs::is_directory(P))
        collectSources(P, Files);
      else
        Files.push_back(absolute(P));
      for (const std::string &F : Files) {
        CompileCommand C{std::string(Cwd), F, {"cc"}};
        C.Argv.insert(C.Argv.end(), O.FixedArgs.begin(), O.FixedArgs.end());
        C.Argv.push_back(F);
        Commands.push_back(std::move(C));
      }
    }
  } else {
    std::string DB = O.Database;
    if (DB.empty()) {
      DB = findCompileDatabase(O.Paths.empty() ? "." : O.Paths.front());
      if (DB.empty())
        return configError(
            "no compile_commands.json found in " +
            absolute(O.Paths.empty() ? "." : O.Paths.front()) +
            " or its parents; pass -p <dir|file>, or compiler arguments "
            "after '--'");
    } else if (llvm::sys::fs::is_directory(DB)) {
      llvm::SmallString<256> P(DB);
      llvm::sys::path::append(P, "compile_commands.json");
      DB = std::string(P);
    }
    auto Loaded = loadCompileDatabase(DB, /*SplitCommands=*/false);
    if (!Loaded)
      return configError(llvm::toString(Loaded.takeError()));
    if (Loaded->empty())
      return configError(DB + ": the compile database has no entries");
    std::vector<std::string> Selectors;
    for (const std::string &P : O.Paths)
      Selectors.push_back(absolute(P));
    std::vector<bool> Used(Selectors.size(), false);
    for (CompileCommand &C : *Loaded) {
      if (!llvm::StringRef(C.File).ends_with(".c"))
        continue; // assembler and other languages are not analysed
      bool Take = Selectors.empty();
      for (size_t K = 0; K < Selectors.size(); ++K)
        if (isUnder(C.File, Selectors[K])) {
          Take = true;
          Used[K] = true;
        }
      if (Take) {
        splitCommand(C);
        Commands.push_back(std::move(C));
      }
    }
    for (size_t K = 0; K < Selectors.size(); ++K)
      if (!Used[K])
        Err << "kmapcheck: warning: no C translation unit in " << DB
            << " matches '" << O.Paths[K] << "'\n";
    if (Commands.empty())
      return configError("no translation unit to analyse in " + DB);
  }

  // Analyse, in parallel; results are merged in a fixed order.
  TUOptions TUOpts;
  TUOpts.ResourceDir = KMAPCHECK_RESOURCE_DIR;
  TUOpts.ExtraArgs = O.ExtraArgs;
  if (O.PrintCommands) {
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
  std::vector<TUResult> Results(Commands.size());
  unsigned Jobs =
      O.Jobs ? O.Jobs : llvm::hardware_concurrency().compute_thread_count();
  Jobs = std::max(1u, std::min<unsigned>(Jobs, Commands.size()));
  if (Jobs == 1) {
    for (size_t K = 0; K < Commands.size(); ++K)
      Results[K] = analyzeTranslationUnit(Commands[K], *Rules, Enabled, TUOpts);
  } else {
    llvm::StdThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t K = 0; K < Commands.size(); ++K)
      Pool.async([&, K] {
        Results[K] =
            analyzeTranslationUnit(Commands[K], *Rules, Enabled, TUOpts);
      });
    Pool.wait();
  }

  std::vector<Finding> All;
  std::vector<ToolError> Errors;
  for (TUResult &R : Results) {
    if (O.Verbose && !R.DroppedArgs.empty())
      Err << "kmapcheck: " << R.File
          << ": dropped compiler arguments: " << llvm::join(R.DroppedArgs, " ")
          << "\n";
    if (!R.Analysed) {
      Errors.push_back({R.File, R.Error});
      continue;
    }
    for (Finding &F : R.Findings)
      All.push_back(std::move(F));
  }
  sortAndDedupe(All);
  // Inline suppressions: NOKMAPCHECK(id) on the line, or NOKMAPCHECKNEXTLINE
  // on the line before.
  unsigned Suppressed = 0;
  {
    llvm::StringMap<std::vector<std::string>> Lines;
    auto LineOf = [&](const std::string &File, unsigned N) -> llvm::StringRef {
      auto It = Lines.find(File);
      if (It == Lines.end()) {
        std::vector<std::string> L;
        if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
          llvm::SmallVector<llvm::StringRef, 0> Parts;
          (*Buf)->getBuffer().split(Parts, '\n');
          for (llvm::StringRef P : Parts)
            L.push_back(P.str());
        }
        It = Lines.try_emplace(File, std::move(L)).first;
      }
      if (N == 0 || N > It->second.size())
        return "";
      return It->second[N - 1];
    };
    llvm::erase_if(All, [&](const Finding &F) {
      bool S = isSuppressed(LineOf(F.Loc.File, F.Loc.Line),
                            LineOf(F.Loc.File, F.Loc.Line - 1), F.CheckId);
      Suppressed += S;
      return S;
    });
  }
  if (O.Stats) {
    unsigned Analysed = 0, Skipped = 0, Bounded = 0;
    for (const TUResult &R : Results) {
      Analysed += R.Stats.FunctionsAnalysed;
      Skipped += R.Stats.FunctionsSkipped;
      Bounded += R.Stats.BoundHit.size();
    }
    Err << "kmapcheck: stats: " << Analysed
        << " function(s) analysed path-sensitively, " << Skipped
        << " skipped (no modeled call reachable), " << Bounded
        << " hit the analysis bound\n";
    for (const TUResult &R : Results)
      for (const std::string &F : R.Stats.BoundHit)
        Err << "kmapcheck: stats: bound hit: " << R.File << ": " << F << "\n";
  }
  for (const ToolError &E : Errors)
    Err << E.Message << " [kmapcheck: translation unit " << E.File
        << " not analysed]\n";

  // Report.
  {
    std::error_code EC;
    std::unique_ptr<llvm::ToolOutputFile> OutFile;
    llvm::raw_ostream *OS = &Out;
    if (!O.Output.empty()) {
      OutFile = std::make_unique<llvm::ToolOutputFile>(O.Output, EC,
                                                       llvm::sys::fs::OF_Text);
      if (EC)
        return configError("cannot write '" + O.Output + "': " + EC.message());
      OS = &OutFile->os();
    }
    if (O.Format == "json")
      renderJson(*OS, All, Errors);
    else
      renderText(*OS, All);
    if (OutFile)
      OutFile->keep();
  }
  if (!O.ExportFixes.empty()) {
    std::error_code EC;
    llvm::ToolOutputFile F(O.ExportFixes, EC, llvm::sys::fs::OF_Text);
    if (EC)
      return configError("cannot write '" + O.ExportFixes +
                         "': " + EC.message());
    renderExportFixes(F.os(), All);
    F.keep();
  }
  bool FixError = false;
  if (O.Fix) {
    FixOutcome FO = applyFixes(All);
    for (const std::string &M : FO.Messages)
      Err << M << "\n";
    FixError = FO.HadError;
    if (!O.Quiet)
      Err << "kmapcheck: applied " << FO.AppliedFixes << " fix-it(s) in "
          << FO.ChangedFiles.size() << " file(s)"
          << (FO.RefusedFixes ? ", refused " + std::to_string(FO.RefusedFixes) +
                                    " conflicting fix-it(s)"
                              : std::string())
          << "\n";
  }

  unsigned WithFix = 0;
  bool Fails = false;
  for (const Finding &F : All) {
    WithFix += !F.Fixes.empty();
    if (O.FailOn && F.Level >= *O.FailOn)
      Fails = true;
  }
  if (!O.Quiet)
    Err << "kmapcheck: " << All.size() << " finding(s), " << WithFix
        << " with a fix-it, in " << (Commands.size() - Errors.size())
        << " translation unit(s)"
        << (Suppressed ? "; " + std::to_string(Suppressed) + " suppressed"
                       : std::string())
        << (Errors.empty() ? std::string()
                           : "; " + std::to_string(Errors.size()) +
                                 " could not be analysed")
        << "\n";
  if (!Errors.empty())
    return ExitUnanalysed;
  if (FixError)
    return ExitUsage;
  return Fails ? ExitFindings : ExitClean;
}

} // namespace

int runKmapcheck(const char *Argv0, llvm::ArrayRef<const char *> Args,
                 llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  Run R(Argv0, Out, Err);
  return R.main(Args);
}

} // namespace kmapcheck
