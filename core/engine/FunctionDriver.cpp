//===- FunctionDriver.cpp - Selects functions and runs ExprEngine on each -===//
#include "core/engine/EngineChecker.h"
#include "core/engine/PathEngine.h"
#include "core/engine/Reachability.h"
#include "llvm/ADT/DenseSet.h"

#include <functional>
#include <map>
#include <set>

#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathDiagnosticConsumers.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

const std::optional<ApiCall> &PathEngine::resolve(const CallExpr *CE) {
  static const std::optional<ApiCall> None;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return None;
  if (!Ctx.api().isModeled(Callee->getName())) {
    const ApiEntry *Summarized = summarizedEntry(Callee);
    if (!Summarized)
      return None; // the common case, not worth a cache entry
    auto It = CallCache.find(CE);
    if (It != CallCache.end())
      return It->second;
    ApiCall AC;
    AC.Call = CE;
    AC.Entry = Summarized;
    AC.Spelled = Callee->getName().str();
    SourceManager &SM = Ctx.sm();
    // Written by the user (not in a macro): its effects are the path's own.
    AC.Fixable = CE->getCallee()->getExprLoc().isFileID();
    AC.NameLoc = SM.getExpansionLoc(CE->getCallee()->getExprLoc());
    std::tie(AC.File, AC.Offset) = SM.getDecomposedLoc(AC.NameLoc);
    return CallCache[CE] = std::move(AC);
  }
  auto It = CallCache.find(CE);
  if (It != CallCache.end())
    return It->second;
  return CallCache[CE] = resolveApiCall(CE, Ctx.api(), Ctx.ast());
}

const ApiEntry *PathEngine::summarizedEntry(const FunctionDecl *Callee) {
  auto [It, New] =
      SummarizedEntries.try_emplace(Callee->getCanonicalDecl(), nullptr);
  if (!New)
    return It->second;
  if (Callee->hasBody() || Callee->getBuiltinID())
    return nullptr;
  const SummaryIndex *Sums = Ctx.summaries();
  const ApiEntry *Ent = Sums ? Sums->effectEntry(Callee->getName()) : nullptr;
  ExternalCalls[Callee->getName()] =
      Sums ? Sums->effectSignature(Callee->getName()) : std::string();
  return It->second = Ent;
}

/// The map kinds every check is limited to (PathCheck::onlyFunctionsMapping),
/// or none when some check needs every function that reaches the model.
static std::optional<std::vector<MapKind>>
mapKindsOnly(const std::vector<PathCheck *> &Checks) {
  std::vector<MapKind> Kinds;
  for (PathCheck *PC : Checks) {
    std::optional<MapKind> K = PC->onlyFunctionsMapping();
    if (!K)
      return std::nullopt;
    Kinds.push_back(*K);
  }
  return Kinds;
}

/// \p Fns ordered as the Static Analyzer orders top-level functions: entry
/// points first (in source order), then the reverse post-order of the TU's
/// call graph among \p Fns, callers before callees. A function already
/// inlined into an analysed caller is not analysed again on its own: its
/// paths were seen in context, and its reports would repeat without it.
/// Callers first makes that skip as many as it can: a chain of N helpers
/// costs N/depth analyses, not N.
static std::vector<const FunctionDecl *>
callersFirst(PathEngine &Eng, const std::vector<const FunctionDecl *> &Fns) {
  llvm::DenseMap<const FunctionDecl *, unsigned> Index;
  for (const FunctionDecl *FD : Fns)
    Index[FD] = Index.size();
  std::vector<const FunctionDecl *> Roots;
  for (const FunctionDecl *FD : Fns)
    if (!Eng.calledInTU(FD))
      Roots.push_back(FD);
  for (const FunctionDecl *FD : Fns)
    if (Eng.calledInTU(FD))
      Roots.push_back(FD);
  // Iterative depth-first search: post-order, then reversed per root.
  llvm::DenseSet<const FunctionDecl *> Seen;
  std::vector<const FunctionDecl *> Out;
  for (const FunctionDecl *Root : Roots) {
    if (!Seen.insert(Root).second)
      continue;
    std::vector<const FunctionDecl *> Post;
    std::vector<std::pair<const FunctionDecl *, size_t>> Stack{{Root, 0}};
    while (!Stack.empty()) {
      auto &[FD, Next] = Stack.back();
      const std::vector<const FunctionDecl *> &Callees = Eng.calleesOf(FD);
      if (Next < Callees.size()) {
        const FunctionDecl *C = Callees[Next++];
        if (Index.count(C) && Seen.insert(C).second)
          Stack.push_back({C, 0});
        continue;
      }
      Post.push_back(FD);
      Stack.pop_back();
    }
    Out.insert(Out.end(), Post.rbegin(), Post.rend());
  }
  return Out;
}

/// The functions of the main file to analyse, in the order to analyse them.
static std::vector<const FunctionDecl *>
selectFunctions(PathEngine &Eng, const std::vector<PathCheck *> &Checks,
                PathStats &Stats) {
  TUContext &Ctx = Eng.Ctx;
  SourceManager &SM = Ctx.sm();
  const TUIndex &Index = Ctx.index();
  std::optional<std::vector<MapKind>> Only = mapKindsOnly(Checks);
  ModeledCallReach Reach(Eng);
  std::vector<const FunctionDecl *> Selected;
  for (const FunctionDecl *FD : Index.Functions) {
    // The main file's functions, and those of .c files it includes.
    if (!isUserCode(SM, FD->getLocation()))
      continue;
    if (FD->getIdentifier() && Ctx.api().bodyIsModel(FD->getName()))
      continue;
    if (Only) {
      // The functions that call such a map themselves.
      bool Calls = false;
      auto It = Index.CallsApi.find(FD);
      if (It != Index.CallsApi.end())
        for (const CallExpr *CE : It->second)
          if (const auto &AC = Eng.resolve(CE))
            Calls |= AC->Entry->Map &&
                     llvm::is_contained(*Only, AC->Entry->Map->Kind);
      if (Calls)
        Selected.push_back(FD);
      continue;
    }
    if (Reach.reaches(FD))
      Selected.push_back(FD);
    else
      ++Stats.FunctionsSkipped;
  }
  return callersFirst(Eng, Selected);
}

/// The call a thin forwarder makes, and the shape of its arguments; null
/// when \p FD is not one. A forwarder's body makes exactly one call, to a
/// function with a body that is not a modeled API, passes it nothing but
/// its own parameters (or fields read from them, cast or not), returns its
/// result (or the callee returns nothing), and does nothing else the engine
/// sees: the syscall stubs __x64_sys_X/__ia32_sys_X that both call
/// __se_sys_X are the common case. Two forwarders of one callee with one
/// argument shape put the callee in the same state: unconstrained
/// arguments, nothing held. (A narrowing cast, as in the ia32 stubs, only
/// restricts the values the callee sees, to a subset of those the other
/// stub's analysis covered.) \p Shape names each argument by the distinct
/// value it reads.
static const FunctionDecl *
forwardedCallee(PathEngine &Eng, const FunctionDecl *FD, std::string &Shape) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body)
    return nullptr;
  const CallExpr *Call = nullptr;
  bool Other = false; // a second call, a write, or something unknown
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Other)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (Call)
        Other = true;
      Call = CE;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      Other |= BO->isAssignmentOp();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      Other |= UO->isIncrementDecrementOp();
    } else if (isa<GCCAsmStmt, MSAsmStmt, StmtExpr, GotoStmt, LabelStmt>(S)) {
      Other = true;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Body);
  if (Other || !Call)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->hasBody() || Eng.resolve(Call))
    return nullptr;
  // The result goes back to the caller, so nothing the callee returns can
  // end in the forwarder.
  bool Returned = Callee->getReturnType()->isVoidType();
  const VarDecl *ResultVar = nullptr;
  for (const Stmt *S : Body->body()) {
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      if (DS->isSingleDecl())
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
          if (VD->getInit() && VD->getInit()->IgnoreParenCasts() == Call)
            ResultVar = VD;
    if (const auto *RS = dyn_cast<ReturnStmt>(S))
      if (const Expr *RV = RS->getRetValue()) {
        RV = RV->IgnoreParenCasts();
        if (RV == Call)
          Returned = true;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(RV))
          Returned |= ResultVar && DRE->getDecl() == ResultVar;
      }
  }
  if (!Returned)
    return nullptr;
  // Each argument is named by the distinct value it reads, in order of
  // first use: f(regs->di, regs->si) and f((u32)regs->bx, (u32)regs->cx)
  // have one shape, f(a, a) another.
  std::map<std::pair<const ParmVarDecl *, std::string>, unsigned> Renumber;
  Shape.clear();
  for (const Expr *A : Call->arguments()) {
    std::string Fields;
    const Expr *E = A->IgnoreParenCasts();
    while (const auto *ME = dyn_cast<MemberExpr>(E)) {
      Fields = (ME->isArrow() ? "->" : ".") +
               ME->getMemberDecl()->getNameAsString() + Fields;
      E = ME->getBase()->IgnoreParenCasts();
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PVD)
      return nullptr; // a constant or a computed value: its own state
    unsigned N =
        Renumber.try_emplace({PVD, Fields}, Renumber.size()).first->second;
    Shape += std::to_string(N) + ",";
  }
  return Callee;
}

/// Where this TU takes a lock with IRQs disabled (spin_lock_irq*).
static void findIrqOffSites(PathEngine &Eng) {
  for (const CallExpr *CE : Eng.Ctx.index().ApiCalls) {
    const auto &AC = Eng.resolve(CE);
    if (!AC || !AC->Entry->Lock ||
        AC->Entry->Lock->Action != LockAction::Acquire ||
        (AC->Entry->Lock->Irq != LockIrq::Disable &&
         AC->Entry->Lock->Irq != LockIrq::Save) ||
        AC->Entry->Lock->Arg < 0 ||
        unsigned(AC->Entry->Lock->Arg) >= CE->getNumArgs())
      continue;
    if (const NamedDecl *D = lockArgDecl(CE->getArg(AC->Entry->Lock->Arg)))
      Eng.IrqOffSites.try_emplace(D, AC->NameLoc);
  }
}

/// The GFP bit that lets an allocation sleep: the model's macro
/// (___GFP_DIRECT_RECLAIM) as this TU defines it, when that is an integer
/// literal (0x400u in 6.1), else the model's value.
uint64_t gfpSleepBitOf(const ApiModel &Api, Preprocessor &PP) {
  uint64_t Bit = Api.gfpSleepBit();
  if (!Bit || Api.gfpSleepMacro().empty())
    return Bit;
  IdentifierInfo *II = PP.getIdentifierInfo(Api.gfpSleepMacro());
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->isFunctionLike() || MI->getNumTokens() != 1 ||
      !MI->getReplacementToken(0).is(tok::numeric_constant))
    return Bit;
  std::string Spelling = PP.getSpelling(MI->getReplacementToken(0));
  llvm::StringRef Text = llvm::StringRef(Spelling).rtrim("uUlL");
  uint64_t V = 0;
  if (Text.getAsInteger(0, V) || !V || (V & (V - 1)))
    return Bit;
  return V;
}

/// Whether \p FD's own body maps, unmaps or changes a depth.
static bool changesStateItself(PathEngine &Eng, const FunctionDecl *FD) {
  const TUIndex &Index = Eng.Ctx.index();
  auto It = Index.CallsApi.find(FD);
  if (It != Index.CallsApi.end())
    for (const CallExpr *CE : It->second)
      if (const auto &AC = Eng.resolve(CE))
        if (AC->Entry->Map || AC->Entry->Unmap || !AC->Entry->Effects.empty())
          return true;
  return false;
}

/// Whether \p FD's own body maps or unmaps at a call the exploded graph
/// \p G never reached (the first run ran out of nodes before it).
static bool mapsOrUnmapsUnreached(PathEngine &Eng, const FunctionDecl *FD,
                                  const ExplodedGraph &G) {
  const TUIndex &Index = Eng.Ctx.index();
  auto It = Index.CallsApi.find(FD);
  if (It == Index.CallsApi.end())
    return false;
  llvm::SmallPtrSet<const CallExpr *, 8> Sites;
  for (const CallExpr *CE : It->second)
    if (const auto &AC = Eng.resolve(CE))
      if (AC->Entry->Map || AC->Entry->Unmap)
        Sites.insert(CE);
  if (Sites.empty())
    return false;
  for (const ExplodedNode &N : G.nodes())
    if (std::optional<StmtPoint> SP = N.getLocationAs<StmtPoint>())
      if (const auto *CE = dyn_cast<CallExpr>(SP->getStmt()))
        if (Sites.erase(CE) && Sites.empty())
          return false;
  return true;
}

void runPathChecks(TUContext &Ctx, CompilerInstance &CI,
                   const std::vector<PathCheck *> &Checks, PathStats &Stats,
                   const std::function<bool()> &Cancelled,
                   const PathLimits &Limits) {
  if (Checks.empty())
    return;
  PathEngine Eng(Ctx, Checks);
  ASTContext &AST = Ctx.ast();
  std::vector<const FunctionDecl *> Selected =
      selectFunctions(Eng, Checks, Stats);
  findIrqOffSites(Eng);
  if (Selected.empty()) {
    // No function to analyse, maybe for want of the summaries of the
    // functions it calls: the driver decides with them.
    for (const auto &KV : Eng.ExternalCalls)
      Stats.ExternalCalls.insert({KV.getKey().str(), KV.getValue()});
    return;
  }
  Eng.GfpSleepBit = gfpSleepBitOf(Ctx.api(), CI.getPreprocessor());

  AnalyzerOptions &Opts = CI.getAnalyzerOpts();
  Opts.IPAMode = "basic-inlining";
  Opts.InlineMaxStackDepth = 4;
  Opts.MaxInlinableSize = 200;
  Opts.MaxNodesPerTopLevelFunction = Limits.MaxNodes;
  Opts.maxBlockVisitOnPath = 4;
  Opts.AnalysisDiagOpt = PD_NONE;
  Opts.ShouldEagerlyAssume = true;
  Opts.ShouldUnrollLoops = true; // loops with small constant bounds, exactly
  // After maxBlockVisitOnPath iterations, continue past the loop with what it
  // may change invalidated (LAST_PKMAP-sized loops in mm/highmem.c would
  // otherwise end every path). What the loop cannot write is put back
  // (IdentityModel.cpp); an unmap of an address still lost that way is not
  // judged (MappingModel.cpp) and counted.
  Opts.ShouldWidenLoops = true;

  CheckerManager CM(AST, Opts, CI.getPreprocessor());
  KmapEngineChecker *Checker = CM.registerChecker<KmapEngineChecker>();
  Checker->E = &Eng;
  CM.finishedCheckerRegistration();
  PathDiagnosticConsumers Consumers;
  AnalysisManager Mgr(AST, CI.getPreprocessor(), Consumers,
                      CreateRegionStoreManager, CreateRangeConstraintManager,
                      &CM, Opts);
  cross_tu::CrossTranslationUnitContext CTU(CI);
  SetOfConstDecls Inlined;
  // Functions inlined into a caller that hit the node bound.
  std::set<const Decl *> CutShort;
  // Functions with no effect the checks see (the lean retry's callees
  // evaluated without their bodies).
  ModeledCallReach AnyEffect(Eng, /*AnyEffect=*/true);
  // What the functions' own bodies call (the budget of those that reach the
  // model only through callees).
  ModeledCallReach Reach(Eng);
  // Forwarders analysed so far, by callee and argument shape.
  std::set<std::pair<const FunctionDecl *, std::string>> Forwarded;
  for (const FunctionDecl *FD : Selected) {
    if (Cancelled && Cancelled())
      return;
    if (Inlined.count(FD) || Inlined.count(FD->getCanonicalDecl()))
      continue;
    std::string Shape;
    if (const FunctionDecl *Callee = forwardedCallee(Eng, FD, Shape))
      if (!Forwarded.insert({Callee->getCanonicalDecl(), Shape}).second) {
        // An equal forwarder of this callee was analysed: the same paths
        // from the same state, the same findings.
        ++Stats.ForwardersSkipped;
        continue;
      }
    if (CutShort.count(FD->getCanonicalDecl())) {
      // Seen only in part inside a caller that hit the bound: analysed on
      // its own when it maps, unmaps or changes a depth itself (ntfs3
      // ni_read_frame()); a helper that only reaches such calls through
      // others was judged in its caller as far as the budget went (fs/aio.c
      // had 33 such second analyses, 6x clang's parse).
      if (!changesStateItself(Eng, FD)) {
        ++Stats.BoundCalleesNotAlone;
        continue;
      }
      ++Stats.AnalysedAfterBound;
    }
    Eng.Top = FD;
    Eng.DepthCut = false;
    // Fresh summaries per function: a callee marked "do not inline" while
    // analysing one function (its loops exhausted the budget there) must
    // still be inlined into the next.
    FunctionSummariesTy Summaries;
    SetOfConstDecls Visited;
    ExprEngine EE(CTU, Mgr, &Visited, &Summaries, ExprEngine::Inline_Regular);
    const StackFrameContext *SFC =
        Mgr.getAnalysisDeclContextManager().getStackFrame(FD);
    if (!Mgr.getCFG(FD)) {
      Stats.BoundHit.push_back(FD->getNameAsString() + " (no CFG)");
      continue;
    }
    // A function that makes no call worth an analysis itself, only through
    // its callees, gets a smaller budget (IndirectBudgetDivisor): its
    // callees that map, unmap or change a depth are analysed on their own
    // when it hits the bound. Half the budget for these made fs/aio.c and
    // net/core/skbuff.c about a quarter cheaper with the same findings on
    // the 46 kmap TUs of the defconfig tree (even a quarter of it did).
    unsigned Budget = Limits.MaxNodes;
    bool Indirect =
        Limits.IndirectBudgetDivisor > 1 && !Reach.reachesDirectly(FD);
    if (Indirect) {
      Budget = std::max(1u, Limits.MaxNodes / Limits.IndirectBudgetDivisor);
      ++Stats.IndirectSmallBudget;
    }
    bool Exhausted = EE.ExecuteWorkList(SFC, Budget);
    if (Exhausted && Indirect)
      ++Stats.IndirectSmallBudgetHit;
    ++Stats.FunctionsAnalysed;
    if (Exhausted)
      Stats.BoundHit.push_back(FD->getNameAsString());
    if (Eng.DepthCut)
      Stats.BoundHit.push_back(FD->getNameAsString() + " (calls " +
                               std::to_string(KmapEngineChecker::MaxFrames) +
                               " frames deep evaluated without their bodies)");
    // A caller that hit the node bound did not see every path of the
    // functions it inlined: those are analysed on their own as well (they
    // come later in Selected, callers first). Calls past the frame limit
    // were not inlined, so a depth cut leaves nothing half-seen.
    if (!Exhausted)
      for (const Decl *D : Visited) {
        Inlined.insert(D);
        Inlined.insert(D->getCanonicalDecl());
      }
    else
      for (const Decl *D : Visited)
        CutShort.insert(D->getCanonicalDecl());
    // A function that maps or unmaps and hit the bound before it reached
    // one of those calls mostly spent it in
    // paths through small helpers the checks have nothing to see in (bit
    // tests, flag accessors: kernel headers inline chains of five frames
    // for one test_bit()). It is analysed again, lean: the helpers that
    // reach no modeled call, no call through a pointer and no function
    // without a body here, and return no pointer, are evaluated without
    // their bodies, with
    // LeanRetryFactor times the budget. One that only reads through its
    // arguments gives one value per argument values until that memory is
    // written, so a flag tested twice stays correlated (evalLeanHelper(),
    // EngineChecker.cpp); the others are calls the engine cannot see into
    // (what holds a mapping kept unless their bodies write it,
    // IdentityModel.cpp). Its findings add to the first run's (the same
    // report is made once, PathReporter.cpp).
    if (Exhausted && Limits.LeanRetryFactor > 1 &&
        !(Cancelled && Cancelled()) &&
        mapsOrUnmapsUnreached(Eng, FD, EE.getGraph())) {
      ++Stats.LeanRetries;
      Mgr.ClearContexts();
      Eng.DepthCut = false;
      FunctionSummariesTy Lean;
      for (const FunctionDecl *F : Ctx.index().Functions) {
        const FunctionDecl *Def = F->getDefinition();
        // A helper that returns a pointer stays inlined: the pointer's
        // provenance (an entry inside a mapped page, nilfs_next_entry())
        // is what IS_ERR() tests and unmaps are judged by.
        QualType RT = Def ? Def->getReturnType() : QualType();
        if (Def && Def != FD->getDefinition() && !RT->isAnyPointerType() &&
            !RT->isRecordType() && !AnyEffect.reaches(Def)) {
          Lean.markShouldNotInline(Def);
          Eng.LeanOpaque.insert(Def);
        }
      }
      SetOfConstDecls LeanVisited;
      ExprEngine LeanEE(CTU, Mgr, &LeanVisited, &Lean,
                        ExprEngine::Inline_Regular);
      const StackFrameContext *LeanSFC =
          Mgr.getAnalysisDeclContextManager().getStackFrame(FD);
      if (!LeanEE.ExecuteWorkList(LeanSFC,
                                  Limits.MaxNodes * Limits.LeanRetryFactor))
        ++Stats.LeanFinished;
      Eng.LeanOpaque.clear();
      Eng.LeanCalls.clear();
    }
    Mgr.ClearContexts();
  }
  Stats.UnknownLocks = Eng.UnknownLockCalls.size();
  Stats.UnmapsUnidentified += Eng.UnidentifiedUnmaps.size();
  Stats.CursorUnmapsUnbounded += Eng.UnboundedCursorUnmaps.size();
  for (auto &KV : Eng.Undecided)
    Stats.Undecided[KV.getKey().str()] += KV.getValue().size();
  Stats.GfpFlagsUnknown += Eng.UnknownGfpCalls.size();
  for (const auto &KV : Eng.AtomicExternalCalls)
    Stats.AtomicExternalCalls.insert({KV.getKey().str(), KV.getValue()});
  for (const auto &KV : Eng.ExternalCalls)
    Stats.ExternalCalls.insert({KV.getKey().str(), KV.getValue()});
  for (auto &KV : Eng.PinnedAcross)
    Stats.PinnedAcross[KV.first].insert(KV.second.begin(), KV.second.end());
  for (const auto &KV : Eng.DepthCalls)
    Stats.DepthCalls[KV.getKey().str()] |= KV.getValue();
}

} // namespace kmapcheck
