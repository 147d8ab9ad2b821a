//===- TUAnalysis.cpp -----------------------------------------------------===//
#include "tool/TUAnalysis.h"
#include "core/engine/PathEngine.h"
#include "tool/CommandSanitizer.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/FrontendOptions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <csignal>
#include <cstdlib>

namespace kmapcheck {
using namespace clang;

namespace {

/// Keeps clang's first error; warnings are silenced.
class FirstErrorConsumer : public DiagnosticConsumer {
public:
  explicit FirstErrorConsumer(std::string Dir) : Dir(std::move(Dir)) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !First.empty())
      return;
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
      if (P.isValid()) {
        llvm::SmallString<256> F(P.getFilename());
        if (!llvm::sys::path::is_absolute(F)) {
          llvm::SmallString<256> Abs(Dir);
          llvm::sys::path::append(Abs, F);
          F = Abs;
        }
        llvm::sys::path::remove_dots(F, true);
        Where = (F + ":" + llvm::Twine(P.getLine()) + ":" +
                 llvm::Twine(P.getColumn()) + ": ")
                    .str();
      }
    }
    First = Where + "error: " + std::string(Msg);
  }
  std::string First;
  std::string Dir;
};

/// Names the function that holds each finding (the innermost definition whose
/// extent contains it), for fingerprints and reports.
void nameFunctions(TUContext &Ctx, std::vector<Finding> &Findings) {
  if (Findings.empty())
    return;
  struct Extent {
    std::string File;
    unsigned Begin, End;
    std::string Name;
  };
  std::vector<Extent> Extents;
  for (const FunctionDecl *FD : Ctx.index().Functions) {
    SourcePos B = Ctx.pos(FD->getBeginLoc()), E = Ctx.pos(FD->getEndLoc());
    if (!B.valid() || B.File != E.File || E.Offset < B.Offset)
      continue;
    Extents.push_back({B.File, B.Offset, E.Offset, FD->getNameAsString()});
  }
  for (Finding &F : Findings) {
    const Extent *Best = nullptr;
    for (const Extent &X : Extents)
      if (X.File == F.Loc.File && X.Begin <= F.Loc.Offset &&
          F.Loc.Offset <= X.End &&
          (!Best || X.End - X.Begin < Best->End - Best->Begin))
        Best = &X;
    if (Best)
      F.Function = Best->Name;
  }
}

/// When the analysis of one TU must stop: --timeout-per-tu, or SIGINT.
struct Deadline {
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> At; // none: no limit
  const std::atomic<bool> *Stop = nullptr;
  bool TimedOut = false;

  Deadline(double Seconds, const std::atomic<bool> *Stop) : Stop(Stop) {
    if (Seconds > 0)
      At = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(Seconds));
  }
  /// Whether the TU's analysis must stop now.
  bool passed() {
    if (Stop && Stop->load(std::memory_order_relaxed))
      return true;
    if (At && Clock::now() >= *At)
      TimedOut = true;
    return TimedOut;
  }
};

class ChecksConsumer : public ASTConsumer {
public:
  ChecksConsumer(CompilerInstance &CI, const RuleSet &Rules,
                 const std::vector<EnabledCheck> &Checks, TUResult &Result,
                 std::string Dir, const TUOptions &Opts, Deadline &Limit,
                 HeaderIndex *Bodies, const std::string &MainFile,
                 const std::vector<std::string> &Headers)
      : CI(CI), Rules(Rules), Checks(Checks), Result(Result),
        Dir(std::move(Dir)), SystemHeaders(Opts.SystemHeaders), Opts(Opts),
        Limit(Limit) {
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<MacroUseRecorder>(Rules.Api, Macros));
    if (Bodies) {
      Skipper =
          std::make_unique<BodySkipper>(*Bodies, Rules, CI, MainFile, Headers);
      Skipper->attach();
    }
  }
  bool shouldSkipFunctionBody(Decl *D) override {
    return Skipper && Skipper->shouldSkip(D);
  }
  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    if (Skipper)
      for (Decl *D : DG)
        Skipper->sawTopLevel(D);
    return true;
  }
  void HandleTranslationUnit(ASTContext &AST) override {
    if (CI.getDiagnostics().hasErrorOccurred() || Limit.passed())
      return;
    if (Skipper) {
      Result.Bodies = Skipper->stats();
      std::string Why = Skipper->verify();
      if (!Why.empty()) {
        // A skipped body could have mattered: the TU is parsed again in full.
        Result.Bodies.Reparsed = true;
        Result.Bodies.ReparseReason = std::move(Why);
        return;
      }
    }
    TUContext Ctx(AST, Rules.Api, Macros, Dir);
    Ctx.setLocks(&Rules.Locks);
    Ctx.setSystemHeaders(SystemHeaders);
    Ctx.setSummaries(Opts.Summaries);
    Ctx.index(); // before any check asks the ASTContext for parents
    // The TU's own summaries, in the same parse: one walk of its functions.
    if (Opts.Summarize) {
      auto Start = std::chrono::steady_clock::now();
      Result.Summaries =
          summarizeTUWithWrites(Ctx, gfpSleepBitOf(Rules.Api, CI.getPreprocessor()));
      Result.SummarySeconds = std::chrono::duration<double>(
                                  std::chrono::steady_clock::now() - Start)
                                  .count();
    }
    std::vector<std::unique_ptr<Check>> Instances;
    std::vector<PathCheck *> PathChecks;
    for (const EnabledCheck &E : Checks) {
      Instances.push_back(E.Create(*E.Spec, E.Options));
      if (PathCheck *PC = Instances.back()->asPathCheck())
        PathChecks.push_back(PC);
    }
    // The path engine first: checks may decide in run() on what they saw
    // on its paths.
    PathLimits Limits;
    Limits.MaxNodes = Opts.MaxNodes;
    runPathChecks(
        Ctx, CI, PathChecks, Result.Stats, [this] { return Limit.passed(); },
        Limits);
    for (auto &C : Instances) {
      if (Limit.passed())
        return;
      C->run(Ctx);
    }
    Result.Findings = Ctx.takeFindings();
    setEnds(Result.Findings);
    if (!SystemHeaders)
      llvm::erase_if(Result.Findings, [&](const Finding &F) {
        SourceLocation L = locationOf(F.Loc);
        return L.isValid() && CI.getSourceManager().isInSystemHeader(L);
      });
    nameFunctions(Ctx, Result.Findings);
    Result.Analysed = true;
  }

private:
  /// A finding whose end is its start ends after the token there (the name
  /// of the call reported).
  SourceLocation locationOf(const SourcePos &P) {
    SourceManager &SM = CI.getSourceManager();
    if (!P.valid())
      return SourceLocation();
    auto FE = SM.getFileManager().getOptionalFileRef(P.File);
    if (!FE)
      return SourceLocation();
    FileID FID = SM.translateFile(*FE);
    if (FID.isInvalid())
      return SourceLocation();
    return SM.getComposedLoc(FID, P.Offset);
  }

  void setEnds(std::vector<Finding> &Findings) {
    SourceManager &SM = CI.getSourceManager();
    for (Finding &F : Findings) {
      if (!(F.End == F.Loc) || !F.Loc.valid())
        continue;
      SourceLocation L = locationOf(F.Loc);
      if (L.isInvalid())
        continue;
      unsigned Len = Lexer::MeasureTokenLength(L, SM, CI.getLangOpts());
      F.End.Column += Len;
      F.End.Offset += Len;
    }
  }

  CompilerInstance &CI;
  const RuleSet &Rules;
  const std::vector<EnabledCheck> &Checks;
  TUResult &Result;
  std::string Dir;
  bool SystemHeaders;
  const TUOptions &Opts;
  Deadline &Limit;
  std::vector<MacroUse> Macros;
  std::unique_ptr<BodySkipper> Skipper;
};

class ChecksAction : public ASTFrontendAction {
public:
  ChecksAction(const RuleSet &Rules, const std::vector<EnabledCheck> &Checks,
               TUResult &Result, std::string Dir, const TUOptions &Opts,
               Deadline &Limit, HeaderIndex *Bodies, std::string MainFile,
               std::vector<std::string> Headers)
      : Rules(Rules), Checks(Checks), Result(Result), Dir(std::move(Dir)),
        Opts(Opts), Limit(Limit), Bodies(Bodies), MainFile(std::move(MainFile)),
        Headers(std::move(Headers)) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // ParseAST reads the option after the consumer is made.
    CI.getFrontendOpts().SkipFunctionBodies = Bodies != nullptr;
    return std::make_unique<ChecksConsumer>(
        CI, Rules, Checks, Result, Dir, Opts, Limit, Bodies, MainFile, Headers);
  }

private:
  const RuleSet &Rules;
  const std::vector<EnabledCheck> &Checks;
  TUResult &Result;
  std::string Dir;
  const TUOptions &Opts;
  Deadline &Limit;
  HeaderIndex *Bodies;
  std::string MainFile;
  std::vector<std::string> Headers;
};

/// Stack of the thread that analyses a TU. Only touched pages are used.
constexpr unsigned TUStackSize = 256u << 20;

/// A signal stack for the current thread, so that the crash handler can run
/// after a stack overflow. Left installed (and leaked) when the thread
/// crashes: the thread ends there.
class AlternateSignalStack {
public:
  AlternateSignalStack() {
    Stack.ss_sp = std::malloc(Size);
    Stack.ss_size = Size;
    Stack.ss_flags = 0;
    if (Stack.ss_sp && sigaltstack(&Stack, &Old) != 0) {
      std::free(Stack.ss_sp);
      Stack.ss_sp = nullptr;
    }
  }
  ~AlternateSignalStack() {
    if (!Stack.ss_sp)
      return;
    sigaltstack(&Old, nullptr);
    std::free(Stack.ss_sp);
  }

private:
  static constexpr size_t Size = 256 * 1024;
  stack_t Stack{};
  stack_t Old{};
};

} // namespace

void enableCrashRecovery() {
  llvm::CrashRecoveryContext::Enable();
  // The crash handlers run on the alternate signal stack of the crashing
  // thread (after a stack overflow, its own stack is gone).
  for (int Sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP}) {
    struct sigaction Act;
    if (sigaction(Sig, nullptr, &Act) == 0 && Act.sa_handler != SIG_DFL &&
        Act.sa_handler != SIG_IGN) {
      Act.sa_flags |= SA_ONSTACK;
      sigaction(Sig, &Act, nullptr);
    }
  }
}

std::vector<std::string> clangCommandFor(const CompileCommand &Cmd,
                                         const TUOptions &Opts,
                                         std::vector<std::string> *Dropped) {
  SanitizedCommand S = sanitizeCommand(Cmd.Argv, Cmd.File, Cmd.Directory);
  if (Dropped)
    *Dropped = S.Dropped;
  std::vector<std::string> Args{"clang"};
  Args.insert(Args.end(), Opts.ExtraArgsBefore.begin(),
              Opts.ExtraArgsBefore.end());
  if (!S.Target.empty())
    Args.push_back("--target=" + S.Target);
  Args.insert(Args.end(), S.Args.begin(), S.Args.end());
  Args.insert(Args.end(), Opts.ExtraArgs.begin(), Opts.ExtraArgs.end());
  Args.push_back("-fsyntax-only");
  Args.push_back("-w"); // compiler warnings are not kmapcheck's business
  Args.push_back("-Wno-error");
  Args.push_back("-fno-caret-diagnostics"); // and no "N errors generated."
  if (!Opts.ResourceDir.empty())
    Args.push_back("-resource-dir=" + Opts.ResourceDir);
  Args.push_back(Cmd.File);

  return Args;
}

static TUResult analyzeUntimed(const CompileCommand &Cmd, const RuleSet &Rules,
                               const std::vector<EnabledCheck> &Checks,
                               const TUOptions &Opts) {
  TUResult Result;
  Result.File = Cmd.File;
  if (!llvm::sys::fs::exists(Cmd.File)) {
    Result.Error = Cmd.File + ": error: file named by the compile database "
                              "does not exist";
    return Result;
  }
  if (!llvm::sys::fs::is_directory(Cmd.Directory)) {
    Result.Error = Cmd.File + ": error: directory '" + Cmd.Directory +
                   "' named by the compile database does not exist";
    return Result;
  }
  std::vector<std::string> Args =
      clangCommandFor(Cmd, Opts, &Result.DroppedArgs);

  FirstErrorConsumer Diags(Cmd.Directory);
  Deadline Limit(Opts.TimeoutSeconds, Opts.Stop);
  llvm::CrashRecoveryContext CRC;
  // On a thread of its own with a large stack (deeply nested code recurses
  // deeply in clang and in the checks), and with an alternate signal stack,
  // so that a stack overflow is a crash recovered here, not the end of the
  // run.
  HeaderIndex *Bodies = Opts.Bodies.get();
  auto Parse = [&] {
    AlternateSignalStack AltStack;
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
        llvm::vfs::createPhysicalFileSystem();
    FS->setCurrentWorkingDirectory(Cmd.Directory);
    llvm::IntrusiveRefCntPtr<FileManager> Files(
        new FileManager(FileSystemOptions(), FS));
    auto Action = std::make_unique<ChecksAction>(
        Rules, Checks, Result, Cmd.Directory, Opts, Limit, Bodies, Cmd.File,
        Bodies ? kbuildDependencies(Cmd.Argv, Cmd.Directory)
               : std::vector<std::string>());
    tooling::ToolInvocation Invocation(
        Args, std::move(Action), Files.get(),
        std::make_shared<PCHContainerOperations>());
    Invocation.setDiagnosticConsumer(&Diags);
    Invocation.run();
  };
  bool NoCrash = CRC.RunSafelyOnThread(
      [&] {
        Parse();
        if (Result.Bodies.Reparsed && !Limit.passed()) {
          BodySkipStats First = Result.Bodies;
          Bodies = nullptr;
          Parse();
          Result.Bodies = First;
        }
      },
      TUStackSize);
  if (!NoCrash) {
    Result.Analysed = false;
    Result.Findings.clear();
    Result.Error = Cmd.File + ": error: clang crashed while parsing this TU";
    return Result;
  }
  bool Interrupted = !Result.Analysed && Opts.Stop && Opts.Stop->load();
  if (Limit.TimedOut || Interrupted) {
    // Findings of a TU cut short are not reported: a partial analysis
    // would make the output depend on the machine's speed.
    Result.Analysed = false;
    Result.Findings.clear();
    Result.TimedOut = Limit.TimedOut;
    Result.Error =
        Cmd.File + ": error: " +
        (Limit.TimedOut
             ? "the analysis took longer than --timeout-per-tu (" +
                   llvm::formatv("{0}", llvm::format("%g", Opts.TimeoutSeconds))
                       .str() +
                   " s)"
             : std::string("the run was interrupted"));
    return Result;
  }
  if (!Result.Analysed) {
    Result.Error = !Diags.First.empty()
                       ? Diags.First
                       : Cmd.File + ": error: the TU could not be parsed";
  }
  return Result;
}

TUResult analyzeTranslationUnit(const CompileCommand &Cmd, const RuleSet &Rules,
                                const std::vector<EnabledCheck> &Checks,
                                const TUOptions &Opts) {
  auto Start = std::chrono::steady_clock::now();
  TUResult Result = analyzeUntimed(Cmd, Rules, Checks, Opts);
  Result.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return Result;
}

} // namespace kmapcheck
