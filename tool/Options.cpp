//===- Options.cpp - The kmapcheck command line options -------------------===//
#include "tool/Options.h"
#include "tool/Driver.h"
#include "tool/Renderers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Regex.h"

namespace kmapcheck {
namespace cl = llvm::cl;

namespace {

const char Overview[] =
    R"(kmapcheck: static analysis of the Linux kernel's highmem API (kmap*,
kunmap*, pagefault_*, and the locks and TLB flushes around them).

  Without paths, kmapcheck analyses every TU of the compile database found
  upward from the current directory; when there is none, it analyses the
  scenarios of its embedded reference implementation (reference/), as
  --demo does. 'kmapcheck validate' runs each
  scenario on the reference model and compares the dynamic verdict with the
  static one (exit 1 on any disagreement).

  kmapcheck [options] [paths...] [-- compiler args]
    paths: files, or directories meaning every TU below them (default:
    every TU in the compile database). After '--': no compile database,
    the given files are compiled with these arguments.
  kmapcheck [options] --kbuild [Kbuild's CHECKFLAGS and c_flags] file.c
    As make C=1|C=2 CHECK="kmapcheck --kbuild" runs it: findings on
    stderr in GCC's format, exit 0 unless kmapcheck failed.
  kmapcheck merge OUT.json|OUT.sarif IN.json...
    Combines the JSON reports of --shard runs into one report.
  kmapcheck validate [--format=text|json] [--bound=N]
  kmapcheck validate --replay SCENARIO SCHEDULE

  Long options may be spelled with one dash or two (-checks, --checks).
)";

cl::SubCommand
    ValidateCmd("validate",
                "run every scenario of the reference implementation on the "
                "reference model and compare with the static verdicts");

// The groups of --help, in this order.
cl::OptionCategory InputCat("Selecting translation units");
cl::OptionCategory ChecksCat("Checks and rules");
cl::OptionCategory OutputCat("Output");
cl::OptionCategory CiCat("CI and review (every format)");
cl::OptionCategory ValidateCat("kmapcheck validate");

// --- Selecting translation units ---
cl::opt<std::string> Database(
    "p", cl::Prefix, cl::value_desc("dir|file"), cl::cat(InputCat),
    cl::desc("compile_commands.json, or the directory holding it. Default:\n"
             "searched upward from the first path (or the current\n"
             "directory), as clang tools do."));
// Files, or directories meaning every TU below them; default: every TU in
// the database.
cl::list<std::string> Paths(cl::Positional, cl::desc("[paths...]"),
                            cl::cat(InputCat));
cl::opt<unsigned>
    Jobs("j", cl::Prefix, cl::init(0), cl::value_desc("N"), cl::cat(InputCat),
         cl::desc("parallel workers; 0 (the default): number of cores."));
cl::opt<bool>
    Demo("demo", cl::cat(InputCat),
         cl::desc("analyse the scenarios of the embedded reference\n"
                  "implementation (what kmapcheck does without a database\n"
                  "and without paths)."));
cl::opt<double> TimeoutPerTu(
    "timeout-per-tu", cl::init(300), cl::value_desc("seconds"),
    cl::cat(InputCat),
    cl::desc("a TU whose analysis takes longer is a tool error (exit 3)\n"
             "and the run goes on; 0: no limit. Default 300."));
cl::opt<unsigned> MaxNodes(
    "max-nodes", cl::init(10000), cl::value_desc("N"), cl::cat(InputCat),
    cl::desc("nodes the path engine explores per function (default\n"
             "10000; half that for one that reaches the model only\n"
             "through its callees); a function that maps or unmaps and\n"
             "reaches it before one of those calls is analysed again,\n"
             "lean, with 4 times as many. --stats names the functions\n"
             "cut short."));
cl::opt<std::string>
    Shard("shard", cl::value_desc("K/N"), cl::cat(InputCat),
          cl::desc("analyse only the K-th of N shares of the selected TUs\n"
                   "(1 <= K <= N), balanced by file size, the same on every\n"
                   "machine; 'kmapcheck merge' combines the shards' reports."));
cl::opt<bool> NoPrefilter(
    "no-prefilter", cl::cat(InputCat),
    cl::desc("parse every selected TU, also those whose own code names\n"
             "nothing the model acts on (which cannot produce a finding)."));
cl::opt<std::string> SummariesOpt(
    "summaries", cl::value_desc("file"), cl::cat(InputCat),
    cl::desc("keep the function summaries (facts across TUs) in <file>:\n"
             "read them when it exists, write the merged ones back."));
cl::opt<bool> NoSkipBodies(
    "no-skip-bodies", cl::cat(InputCat),
    cl::desc("parse the body of every function of the headers, also those\n"
             "no analysis can reach (which cannot change a finding)."));
// Never parsed by llvm::cl: parseCommandLine() splits the command line at
// it. Declared for --help.
cl::opt<bool> KbuildMode(
    "kbuild", cl::cat(InputCat),
    cl::desc("Kbuild's checker mode, for make C=1|C=2 CHECK=\"kmapcheck\n"
             "--kbuild\": what follows is Kbuild's command line (sparse's\n"
             "flags, the compiler's flags, the file last). Findings go to\n"
             "stderr in GCC's format; the exit code is 0 unless kmapcheck\n"
             "failed (see --kbuild-fail-on)."));
cl::opt<std::string> KbuildFailOn(
    "kbuild-fail-on", cl::value_desc("note|warning|error"), cl::cat(InputCat),
    cl::desc("with --kbuild: findings at or above this severity fail the\n"
             "build (exit 1). Default: findings never do."));
cl::list<std::string>
    ExtraArgs("extra-arg", cl::value_desc("arg"), cl::cat(InputCat),
              cl::desc("append an argument to every compile command."));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before", cl::value_desc("arg"),
                    cl::cat(InputCat),
                    cl::desc("prepend an argument to every compile command."));

// --- Checks and rules ---
cl::opt<std::string>
    Checks("checks", cl::init("*"), cl::value_desc("globs"), cl::cat(ChecksCat),
           cl::desc("clang-tidy syntax, e.g. '-*,kmap-*'. Default '*'."));
cl::list<std::string> CheckOptions("check-option",
                                   cl::value_desc("check.name=value"),
                                   cl::cat(ChecksCat),
                                   cl::desc("override an option of a check."));
cl::opt<std::string> ConfigFile(
    "config-file", cl::value_desc("file"), cl::cat(ChecksCat),
    cl::desc("the configuration for every file (the .kmapcheck.yaml\n"
             "format). Default: the nearest .kmapcheck.yaml above each\n"
             "analysed file. Command-line options win over it."));
cl::opt<bool> DumpConfig(
    "dump-config", cl::cat(ChecksCat),
    cl::desc("print the effective configuration (for the first path, or\n"
             "the current directory) and exit."));
cl::opt<bool> ListChecks("list-checks", cl::cat(ChecksCat),
                         cl::desc("print the enabled check ids and exit."));
cl::opt<std::string>
    Explain("explain", cl::value_desc("id"), cl::cat(ChecksCat),
            cl::desc("print a check's description and examples and exit."));
cl::list<std::string> RulesDirs(
    "rules-dir", cl::value_desc("dir"), cl::cat(ChecksCat),
    cl::desc("extra rules (api/, checks/, locks/) that extend or override\n"
             "the shipped model; may be repeated."));

cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors", cl::value_desc("globs"), cl::cat(ChecksCat),
    cl::desc("report the findings of these checks (clang-tidy globs) as\n"
             "errors."));
cl::opt<std::string> HeaderFilter(
    "header-filter", cl::value_desc("regex"), cl::cat(ChecksCat),
    cl::desc("report findings in headers only when the header's path\n"
             "matches (default: every header)."));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter", cl::value_desc("regex"), cl::cat(ChecksCat),
    cl::desc("never report findings in headers whose path matches."));
cl::opt<bool> SystemHeaders(
    "system-headers", cl::cat(ChecksCat),
    cl::desc("also report findings in system headers (-isystem, ...)."));

// --- Output (some shared with 'validate') ---
cl::opt<std::string> Format("format", cl::init("text"), cl::cat(OutputCat),
                            cl::sub(cl::SubCommand::getTopLevel()),
                            cl::sub(ValidateCmd),
                            cl::desc("report format: text (clang style, the "
                                     "default), json, sarif (SARIF 2.1.0),\n"
                                     "github (workflow-command annotations), "
                                     "gitlab (Code\nQuality) or html (a "
                                     "directory, with -o)."));
cl::opt<std::string> Output("o", cl::Prefix, cl::value_desc("file"),
                            cl::cat(OutputCat),
                            cl::desc("write the report to <file> (a directory "
                                     "for --format=html)."));
cl::opt<std::string>
    ExportFixes("export-fixes", cl::value_desc("file"), cl::cat(OutputCat),
                cl::desc("write fix-its in clang-apply-replacements YAML."));
cl::opt<bool> Fix("fix", cl::cat(OutputCat),
                  cl::desc("apply fix-its in place (atomic per file)."));
cl::opt<std::string>
    FailOn("fail-on", cl::init("warning"),
           cl::value_desc("note|warning|error|none"), cl::cat(OutputCat),
           cl::desc("lowest severity that makes the exit code 1 (default: "
                    "warning)."));
cl::opt<bool> PrintCommands(
    "print-clang-commands", cl::cat(OutputCat),
    cl::desc("print the sanitized clang command of each selected TU as a\n"
             "compile database (JSON) and exit."));
// Registered under a placeholder name: LLVM has its own -stats, which
// parseCommandLine() renames before giving ours its name.
cl::opt<bool>
    Stats("kmapcheck-stats", cl::cat(OutputCat),
          cl::desc("print how many functions the path-sensitive engine\n"
                   "analysed and every function whose analysis hit a\n"
                   "bound (incomplete, never silent)."));
cl::opt<bool> Quiet("quiet", cl::cat(OutputCat),
                    cl::desc("no progress line and no summary line on "
                             "stderr."));
cl::opt<bool> Verbose("verbose", cl::cat(OutputCat),
                      cl::desc("also print the compiler flags dropped per "
                               "TU, and with --stats each parsed TU's "
                               "time."));

// --- CI and review ---
cl::opt<std::string> SourceRoot(
    "source-root", cl::value_desc("dir"), cl::cat(CiCat),
    cl::desc("file paths in reports and fingerprints are relative to it\n"
             "(SARIF's %SRCROOT%). Default: the compile database's\n"
             "directory (the current directory with '--')."));
cl::opt<std::string> DiffBase(
    "diff-base", cl::value_desc("rev"), cl::cat(CiCat),
    cl::desc("keep only findings on lines changed since <rev>\n"
             "(git diff -U0 -M <rev>, in the repository holding each file;\n"
             "uncommitted and untracked changes count)."));
cl::opt<std::string> LineFilterOpt(
    "line-filter", cl::value_desc("json"), cl::cat(CiCat),
    cl::desc(
        "keep only findings on these lines, in clang-tidy's form:\n"
        "[{\"name\":\"fs/a.c\",\"lines\":[[10,12]]},{\"name\":\"b.h\"}]."));
cl::opt<std::string> BaselineOpt(
    "baseline", cl::value_desc("file"), cl::cat(CiCat),
    cl::desc("hide the findings whose fingerprint the baseline lists."));
cl::opt<std::string> WriteBaselineOpt(
    "write-baseline", cl::value_desc("file"), cl::cat(CiCat),
    cl::desc("write the fingerprints of the current findings (after\n"
             "suppressions, before --baseline and --diff-base)."));
cl::opt<bool> RequireReason(
    "require-suppression-reason", cl::cat(CiCat),
    cl::desc("a suppression comment without a reason is an error at its\n"
             "location."));
cl::opt<bool> ReportUnused(
    "report-unused-suppressions", cl::cat(CiCat),
    cl::desc("report suppression comments that silenced nothing."));

// --- kmapcheck validate ---
cl::opt<unsigned>
    Bound("bound", cl::init(2), cl::value_desc("N"), cl::sub(ValidateCmd),
          cl::cat(ValidateCat),
          cl::desc("preemption bound of the dynamic exploration (0 to 8)."));
cl::list<std::string>
    Replay("replay", cl::multi_val(2), cl::value_desc("scenario schedule"),
           cl::sub(ValidateCmd), cl::cat(ValidateCat),
           cl::desc("replay one schedule of a scenario and print its trace."));

cl::extrahelp ExitCodes(R"(
Exit codes:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error (bad option, rules, .kmapcheck.yaml,
     baseline, --line-filter, an unknown --diff-base revision, compile
     database, -o naming an input), --fix could not write a file, or the
     report could not be written
  3  some translation unit could not be analysed (parse error, crash,
     --timeout-per-tu);
     takes precedence over 1
  130  interrupted (SIGINT, SIGTERM) while TUs were analysed; nothing
     written
  With --kbuild: 0 unless kmapcheck failed; --kbuild-fail-on makes
  findings exit 1.
  A reader that closes the pipe early (| head) is not an error.
)");

/// "a", "a or b", "a, b or c".
std::string alternatives(llvm::ArrayRef<llvm::StringRef> Names) {
  std::string S;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I)
      S += I + 1 == Names.size() ? " or " : ", ";
    S += Names[I].str();
  }
  return S;
}

int usage(llvm::raw_ostream &Err, const llvm::Twine &Msg) {
  Err << "kmapcheck: error: " << Msg << "\n";
  Err << "kmapcheck: see 'kmapcheck --help'\n";
  return ExitUsage;
}

/// LLVM registers a -stats of its own; ours takes the name.
void claimStatsName() {
  static bool Done = false;
  if (Done)
    return;
  Done = true;
  llvm::StringMap<cl::Option *> &Registered = cl::getRegisteredOptions();
  auto It = Registered.find("stats");
  cl::Option *Llvm = It == Registered.end() ? nullptr : It->second;
  if (Llvm && Llvm != &Stats) {
    Llvm->setArgStr("llvm-stats"); // invalidates It
    Llvm->setHiddenFlag(cl::ReallyHidden);
  }
  Stats.setArgStr("stats");
}

} // namespace

std::optional<int> parseCommandLine(llvm::ArrayRef<const char *> Args,
                                    Options &O, llvm::raw_ostream &Out,
                                    llvm::raw_ostream &Err) {
  claimStatsName();
  cl::HideUnrelatedOptions(
      {&InputCat, &ChecksCat, &OutputCat, &CiCat, &ValidateCat});
  cl::HideUnrelatedOptions({&OutputCat, &ValidateCat}, ValidateCmd);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "kmapcheck " << KMAPCHECK_VERSION << "\n"
       << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
  });
  cl::ResetAllOptionOccurrences();

  // Kbuild's CHECK= mode: kmapcheck's own options come before --kbuild
  // (and --kbuild-fail-on right after it); the rest is Kbuild's command
  // line, the source file last.
  std::vector<const char *> KbuildArgs;
  for (size_t K = 0; K < Args.size(); ++K) {
    llvm::StringRef A = Args[K];
    if (A == "--")
      break;
    if (A != "--kbuild" && A != "-kbuild")
      continue;
    O.Kbuild = true;
    std::vector<const char *> Own(Args.begin(), Args.begin() + K);
    size_t J = K + 1;
    for (; J < Args.size(); ++J) {
      llvm::StringRef B = Args[J];
      if (!B.starts_with("--kbuild-fail-on") &&
          !B.starts_with("-kbuild-fail-on"))
        break;
      Own.push_back(Args[J]);
      if (!B.contains('=') && J + 1 < Args.size())
        Own.push_back(Args[++J]);
    }
    KbuildArgs.assign(Args.begin() + J, Args.end());
    if (KbuildArgs.empty())
      return usage(Err, "--kbuild expects Kbuild's checker command line: "
                        "the flags, then the source file");
    static std::vector<const char *> OwnArgs;
    OwnArgs = std::move(Own);
    Args = OwnArgs;
    break;
  }

  // Compiler arguments after '--' are not kmapcheck's (as clang tools do).
  std::vector<const char *> Argv{"kmapcheck"};
  size_t I = 0;
  for (; I < Args.size() && llvm::StringRef(Args[I]) != "--"; ++I)
    Argv.push_back(llvm::StringRef(Args[I]) == "-h" ? "--help" : Args[I]);
  if (I < Args.size()) {
    if (O.Kbuild)
      return usage(Err, "--kbuild takes Kbuild's command line after it, not "
                        "'--'");
    O.HasFixedArgs = true;
    O.FixedArgs.assign(Args.begin() + I + 1, Args.end());
  }

  std::string Errors;
  llvm::raw_string_ostream ErrStream(Errors);
  bool Ok = cl::ParseCommandLineOptions(Argv.size(), Argv.data(), Overview,
                                        &ErrStream, /*EnvVar=*/nullptr,
                                        /*LongOptionsUseDoubleDash=*/false);
  if (!Ok) {
    // llvm::cl says "kmapcheck: <what>"; say it as kmapcheck's errors are.
    llvm::SmallVector<llvm::StringRef, 4> Lines;
    llvm::StringRef(Errors).rtrim().split(Lines, '\n');
    for (llvm::StringRef L : Lines) {
      L.consume_front("kmapcheck: ");
      bool Hint = L.starts_with("Did you mean");
      Err << "kmapcheck: " << (Hint ? "" : "error: ") << L << "\n";
    }
    return ExitUsage;
  }

  O.Validate = static_cast<bool>(ValidateCmd);
  if (O.Validate) {
    // llvm::cl lets a subcommand see the top-level options; validate takes
    // only its own and --format.
    for (const auto &KV :
         cl::getRegisteredOptions(cl::SubCommand::getTopLevel())) {
      const cl::Option *Opt = KV.getValue();
      if (Opt == &Format || !Opt->getNumOccurrences() ||
          llvm::is_contained(Opt->Subs, &ValidateCmd))
        continue;
      if (llvm::is_contained(Opt->Categories, &InputCat) ||
          llvm::is_contained(Opt->Categories, &ChecksCat) ||
          llvm::is_contained(Opt->Categories, &OutputCat) ||
          llvm::is_contained(Opt->Categories, &CiCat))
        return usage(Err, "'kmapcheck validate' does not take -" +
                              std::string(Opt->ArgStr.size() > 1 ? "-" : "") +
                              Opt->ArgStr);
    }
    if (!Paths.empty() || O.HasFixedArgs)
      return usage(Err, "'kmapcheck validate' takes no paths or compiler "
                        "arguments");
  }
  O.Database = Database;
  O.Demo = Demo;
  O.Paths.assign(Paths.begin(), Paths.end());
  O.Jobs = Jobs;
  O.Prefilter = !NoPrefilter;
  O.Summaries = SummariesOpt;
  O.SkipBodies = !NoSkipBodies;
  if (!Shard.empty()) {
    auto [K, N] = llvm::StringRef(Shard).split('/');
    if (K.getAsInteger(10, O.ShardIndex) || N.getAsInteger(10, O.ShardCount) ||
        O.ShardCount == 0 || O.ShardIndex == 0 || O.ShardIndex > O.ShardCount)
      return usage(Err,
                   "--shard expects K/N with 1 <= K <= N, not '" + Shard + "'");
  }
  O.MaxNodes = MaxNodes;
  if (O.MaxNodes < 100)
    return usage(Err, "--max-nodes expects at least 100, not " +
                          std::to_string(O.MaxNodes));
  O.TimeoutPerTu = TimeoutPerTu;
  if (!(O.TimeoutPerTu >= 0) || O.TimeoutPerTu > 1e9)
    return usage(Err, "--timeout-per-tu expects a number of seconds (0: no "
                      "limit)");
  O.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  O.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  O.Checks = Checks;
  O.ChecksGiven = Checks.getNumOccurrences() > 0;
  O.ConfigFile = ConfigFile;
  O.DumpConfig = DumpConfig;
  for (const std::string &KV : CheckOptions) {
    auto [Key, Val] = llvm::StringRef(KV).split('=');
    if (!llvm::StringRef(KV).contains('=') || !Key.contains('.'))
      return usage(Err, "--check-option expects <check>.<option>=<value>");
    O.CheckOptions[Key.str()] = Val.str();
  }
  O.ListChecks = ListChecks;
  O.Explain = Explain;
  O.RulesDirs.assign(RulesDirs.begin(), RulesDirs.end());
  O.WarningsAsErrors = WarningsAsErrors;
  O.HeaderFilter = HeaderFilter;
  O.ExcludeHeaderFilter = ExcludeHeaderFilter;
  O.SystemHeaders = SystemHeaders;
  for (const std::string *Re : {&O.HeaderFilter, &O.ExcludeHeaderFilter}) {
    std::string Why;
    if (!Re->empty() && !llvm::Regex(*Re).isValid(Why))
      return usage(Err, "invalid regular expression '" + *Re + "' for --" +
                            (Re == &O.HeaderFilter ? "header-filter"
                                                   : "exclude-header-filter") +
                            ": " + Why);
  }
  O.Format = Format;
  if (!llvm::is_contained(reportFormats(), llvm::StringRef(O.Format)))
    return usage(Err, "--format expects " + alternatives(reportFormats()) +
                          ", not '" + O.Format + "'");
  O.Output = Output;
  O.ExportFixes = ExportFixes;
  O.Fix = Fix;
  Severity S;
  if (FailOn == "none")
    O.FailOn.reset();
  else if (parseSeverity(FailOn, S))
    O.FailOn = S;
  else
    return usage(Err, "--fail-on expects note, warning, error or none");
  O.PrintCommands = PrintCommands;
  O.Stats = Stats;
  O.Quiet = Quiet;
  O.Verbose = Verbose;
  O.SourceRoot = SourceRoot;
  O.DiffBase = DiffBase;
  O.LineFilter = LineFilterOpt;
  O.Baseline = BaselineOpt;
  O.WriteBaseline = WriteBaselineOpt;
  O.RequireSuppressionReason = RequireReason;
  O.ReportUnusedSuppressions = ReportUnused;
  if (KbuildFailOn.getNumOccurrences()) {
    if (!O.Kbuild)
      return usage(Err, "--kbuild-fail-on goes with --kbuild");
    Severity KS;
    if (!parseSeverity(KbuildFailOn, KS))
      return usage(Err, "--kbuild-fail-on expects note, warning or error");
    O.KbuildFailOn = KS;
  }
  if (O.Kbuild) {
    if (!O.Paths.empty())
      return usage(Err, "--kbuild takes the source file from Kbuild's "
                        "command line, after --kbuild");
    // sparse's own flags (--arch=, -Wbitwise, ...) are dropped by the
    // sanitizer as any flag clang does not know; __CHECKER__ would switch
    // the kernel's headers into sparse's mode, so it is never defined.
    std::string File = KbuildArgs.back();
    O.HasFixedArgs = true;
    for (size_t K = 0; K + 1 < KbuildArgs.size(); ++K) {
      llvm::StringRef A = KbuildArgs[K];
      if (A == "-D__CHECKER__" || A.starts_with("-D__CHECKER__="))
        continue;
      if (A == "-D" && K + 2 < KbuildArgs.size() &&
          llvm::StringRef(KbuildArgs[K + 1]).starts_with("__CHECKER__")) {
        ++K;
        continue;
      }
      O.FixedArgs.push_back(A.str());
    }
    // The kernel's checker-valid.sh probe passes a file without .c.
    if (!llvm::StringRef(File).ends_with(".c")) {
      O.FixedArgs.push_back("-x");
      O.FixedArgs.push_back("c");
    }
    O.Paths.push_back(File);
    O.Format = "text";
    O.FailOn = O.KbuildFailOn;
    O.Quiet = true;
  }
  if (O.Format == "html" && O.Output.empty())
    return usage(Err,
                 "--format=html writes a directory: give it with -o <dir>");
  O.Bound = Bound;
  if (O.Bound > 8)
    return usage(Err, "--bound expects a preemption bound from 0 to 8");
  if (Replay.size() == 2) {
    O.ReplayScenario = Replay[0];
    O.ReplaySchedule = Replay[1];
  }
  (void)Out;
  return std::nullopt;
}

} // namespace kmapcheck
