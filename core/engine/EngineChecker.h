//===- EngineChecker.h - The engine's in-process checker --------*- C++ -*-===//
//
// Internal to core/engine/. PathEngine holds what the engine knows of one TU
// while it runs (the checks, the function being analysed, resolved calls,
// reachability); KmapEngineChecker is the one Static Analyzer checker that
// applies the API model and turns the analyzer's callbacks into the events
// of PathCheck.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ENGINE_ENGINECHECKER_H
#define KMAPCHECK_CORE_ENGINE_ENGINECHECKER_H

#include "core/engine/PathCheck.h"
#include "core/engine/PathState.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <memory>
#include <set>

namespace kmapcheck {

/// What a statement or a function body may write (IdentityModel.cpp): the
/// fields it assigns, the variables, and the types of the elements it
/// writes through pointers.
struct WriteSet {
  llvm::DenseSet<const clang::FieldDecl *> Fields;
  llvm::DenseSet<const clang::VarDecl *> Vars;
  llvm::DenseSet<const void *> DerefTypes; // canonical types
  bool AnyDeref = false; // writes through char or void pointers
  bool Unknown = false;  // too deep to read: may write anything
  /// Fields ("record::field") and globals written by a function of another
  /// TU, by name (its summary's Writes).
  llvm::StringSet<> Named;
  void merge(const WriteSet &O);
  /// May the writes change the value held in \p R?
  bool mayWrite(const clang::ento::MemRegion *R) const;
};

class ModeledCallReach;

class PathEngine {
public:
  PathEngine(TUContext &Ctx, const std::vector<PathCheck *> &Checks);
  ~PathEngine();

  TUContext &Ctx;
  const std::vector<PathCheck *> &Checks;
  const clang::FunctionDecl *Top = nullptr;
  /// A call on a path of Top was evaluated without its body because the
  /// path was MaxFrames deep.
  bool DepthCut = false;

  /// The modeled call \p CE is, or none. A call of a function without a
  /// body here whose summary says what it does to the caller's state (a
  /// wrapper of kmap_local_page() in another TU) is the call of the entry
  /// the summary makes (ApiEntry::Via non-empty).
  const std::optional<ApiCall> &resolve(const clang::CallExpr *CE);
  /// The summary's entry for calls of \p Callee, when it has no body here.
  const ApiEntry *summarizedEntry(const clang::FunctionDecl *Callee);
  /// The functions without a body here that resolve() was asked about, and
  /// the entry their summaries gave (ApiEntry::Via; "" for none): the
  /// driver analyses the TU again when the merged summaries disagree.
  llvm::StringMap<std::string> ExternalCalls;
  /// Functions without a body here called with a page-fault or preemption
  /// depth to balance, and whether their summaries said the depth may
  /// change in a way they cannot tell (SummaryIndex::depthUnknown()).
  llvm::StringMap<bool> DepthCalls;
  /// PathStats::PinnedAcross.
  std::map<std::string, std::set<std::string>> PinnedAcross;
  /// The write set of \p Callee (no body here) from its summary, or null.
  const WriteSet *summaryWrites(const clang::FunctionDecl *Callee);
  /// What \p FD assigns, by name (FunctionSummary::Writes).
  std::vector<std::string> writtenNames(const clang::FunctionDecl *FD);
  bool calledInTU(const clang::FunctionDecl *FD) {
    return Ctx.index().CalledInTU.count(FD->getCanonicalDecl());
  }

  // Reachability.cpp
  /// Does \p FD, or a function of this TU it calls, have effect \p Ef?
  bool reachesEffect(const clang::FunctionDecl *FD, Effect Ef,
                     bool DirectOnly = false, bool IgnoreMappings = false);
  const std::vector<const clang::FunctionDecl *> &
  calleesOf(const clang::FunctionDecl *FD);

  /// Where this TU takes a lock with IRQs disabled (spin_lock_irq*).
  llvm::DenseMap<const clang::NamedDecl *, clang::SourceLocation> IrqOffSites;
  /// Lock calls whose lock has no known identity (LockStateModel.cpp).
  llvm::DenseSet<const clang::CallExpr *> UnknownLockCalls;
  const char *internLockName(llvm::StringRef Name) {
    return LockNames.try_emplace(Name, 0).first->getKeyData();
  }

  // IdentityModel.cpp
  /// What \p FD's body (and the bodies it calls) may write.
  const WriteSet &writesOf(const clang::FunctionDecl *FD, unsigned Depth = 0);

  /// Whether \p FD's body reaches a modeled call worth a path analysis (a
  /// map, an unmap, a depth effect; Reachability.h).
  bool reachesModeledCall(const clang::FunctionDecl *FD);
  std::unique_ptr<ModeledCallReach> Reach;

  /// The lean retry (FunctionDriver.cpp): helpers evaluated without their
  /// bodies (they reach no call the checks see). Empty outside it.
  llvm::DenseSet<const clang::Decl *> LeanOpaque;
  /// Within a lean run: one token per helper call shape (callee and
  /// argument values), and the memory each shape reads through its pointer
  /// arguments (their base regions). Cleared after each lean run.
  struct LeanCall {
    llvm::SmallVector<const clang::ento::MemRegion *, 2> Bases;
  };
  std::map<std::string, LeanCall> LeanCalls;
  /// Whether \p FD writes nothing but its own locals and reads no variable
  /// outside them (its value depends only on its arguments and the memory
  /// they point to).
  bool readsOnlyThroughArgs(const clang::FunctionDecl *FD);
  llvm::DenseMap<const clang::FunctionDecl *, bool> ReadOnlyMemo;
  /// What a loop (its condition, increment and body) may write.
  const WriteSet &writesOfStmt(const clang::Stmt *S);
  /// Unmap calls whose mapping the engine could not tell on some path.
  llvm::DenseSet<const clang::CallExpr *> UnidentifiedUnmaps;
  /// Unmaps given a cursor that moved, whose reach the engine could not
  /// bound on some path (CursorModel.cpp; not judged there).
  llvm::DenseSet<const clang::CallExpr *> UnboundedCursorUnmaps;
  /// Per check id, the statements a check could not judge on some path
  /// (PathContext::undecided()).
  llvm::StringMap<llvm::DenseSet<const clang::Stmt *>> Undecided;

  /// The GFP bit that lets an allocation sleep in this TU: the model's
  /// gfp_direct_reclaim macro when the TU defines it as an integer literal,
  /// else the model's value (set by runPathChecks).
  uint64_t GfpSleepBit = 0;
  /// Allocations whose GFP flags were not a constant on some path where
  /// sleeping mattered (not judged there).
  llvm::DenseSet<const clang::CallExpr *> UnknownGfpCalls;

  /// Functions without a body here called in atomic context, and whether
  /// their summaries said they may sleep.
  llvm::StringMap<bool> AtomicExternalCalls;
  /// The call \p CE of \p Callee (no body in this TU) as a might_sleep call
  /// of the model, through the calls \p Chain of its summary.
  ApiCall summarizedCall(const clang::CallExpr *CE,
                         const clang::FunctionDecl *Callee,
                         const SummaryChain &Chain);

  MappingView view(clang::ento::SymbolRef S, const Mapping &M);
  LockView lockView(const void *Key, const HeldLock &H);
  /// The variable the map's result went to ('p'), else the call's text.
  std::string nameOfMapSite(const clang::Expr *Site);
  std::string exprText(const clang::Expr *E);

  // PathReporter.cpp
  /// Reports a finding with the branches on the path to it that decide
  /// whether what it is about (\p What) is live; \p St is the state at
  /// the report.
  void report(clang::ento::CheckerContext &C, clang::ento::ProgramStateRef St,
              const Check &Ch, clang::SourceLocation Loc, std::string Message,
              std::vector<FindingNote> Notes, std::vector<Replacement> Fixes,
              const Involved &What);

  /// Runs \p Hook of every check with a PathContext on \p St; returns the
  /// state the checks leave.
  template <class Fn>
  clang::ento::ProgramStateRef notify(clang::ento::CheckerContext &C,
                                      clang::ento::ProgramStateRef St,
                                      Fn Hook) {
    PathContext P(*this, C, St);
    for (PathCheck *PC : Checks)
      Hook(*PC, P);
    return P.state();
  }

private:
  llvm::DenseMap<const clang::CallExpr *, std::optional<ApiCall>> CallCache;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      EffectMemo;
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<const clang::FunctionDecl *>>
      CalleeMemo;
  llvm::StringMap<char> LockNames;
  llvm::StringMap<ApiEntry> SummaryEntries; // summarizedCall()'s entries
  llvm::DenseMap<const clang::FunctionDecl *, const ApiEntry *>
      SummarizedEntries; // summarizedEntry()'s answers
  llvm::DenseMap<const void *, std::unique_ptr<WriteSet>> WriteMemo;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<WriteSet>>
      SummaryWriteMemo;
  const WriteSet &collectWrites(const void *Key, const clang::Stmt *Body,
                                unsigned Depth);
  /// (check and message without its numbers, position) already reported:
  /// one finding per location, on the first path that reaches it (a loop
  /// would otherwise give one per iteration).
  std::set<std::pair<std::string, SourcePos>> Reported;
};

class KmapEngineChecker
    : public clang::ento::Checker<
          clang::ento::eval::Call, clang::ento::check::Bind,
          clang::ento::check::Location, clang::ento::check::EndFunction,
          clang::ento::check::PreCall, clang::ento::check::PostCall,
          clang::ento::check::PostStmt<clang::BinaryOperator>,
          clang::ento::check::PostStmt<clang::CastExpr>,
          clang::ento::check::BranchCondition,
          clang::ento::check::RegionChanges, clang::ento::check::LiveSymbols> {
public:
  PathEngine *E = nullptr;

  /// Frames of inlined calls a path may stack up (the analyzer's own depth
  /// bound does not hold for branch-free functions).
  static constexpr unsigned MaxFrames = 16;

  // EngineChecker.cpp: events.
  bool evalCall(const clang::ento::CallEvent &Call,
                clang::ento::CheckerContext &C) const;
  void checkBind(clang::ento::SVal Loc, clang::ento::SVal Val,
                 const clang::Stmt *S, clang::ento::CheckerContext &C) const;
  void checkLocation(clang::ento::SVal Loc, bool IsLoad, const clang::Stmt *S,
                     clang::ento::CheckerContext &C) const;
  void checkEndFunction(const clang::ReturnStmt *RS,
                        clang::ento::CheckerContext &C) const;
  void checkBranchCondition(const clang::Stmt *Cond,
                            clang::ento::CheckerContext &C) const;
  void checkPostStmt(const clang::CastExpr *CE,
                     clang::ento::CheckerContext &C) const;
  bool evalTooDeep(const clang::ento::CallEvent &Call,
                   clang::ento::CheckerContext &C) const;
  /// The lean retry: a helper with no effect the checks see, evaluated
  /// without its body. One that only reads through its arguments gives the
  /// same value for the same arguments until that memory is written.
  bool evalLeanHelper(const clang::ento::CallEvent &Call,
                      clang::ento::CheckerContext &C) const;
  /// The lean helper values keep their constraints while they are known.
  void markLeanValuesLive(clang::ento::ProgramStateRef St,
                          clang::ento::SymbolReaper &SR) const;
  /// Forgets the lean helper values that read memory \p Changed touches.
  clang::ento::ProgramStateRef forgetLeanValues(
      clang::ento::ProgramStateRef St,
      llvm::ArrayRef<const clang::ento::MemRegion *> Changed) const;
  /// A call of a function without a body in this TU: what its summary says
  /// (it may sleep) is an event for the checks.
  void checkPreCall(const clang::ento::CallEvent &Call,
                    clang::ento::CheckerContext &C) const;

  /// One modeled call, as the dispatch table of evalCall sees it.
  struct ModeledCall {
    const ApiCall &AC;
    const clang::ento::CallEvent &Call;
    const clang::CallExpr *CE;
    clang::ento::SVal Ret;
  };

  /// A call the model only observes (memmove(), a hand-off to deferred
  /// work): its memory effects stay those of a call without a body.
  clang::ento::ProgramStateRef
  modelObserved(clang::ento::ProgramStateRef St, const ModeledCall &MC,
                clang::ento::CheckerContext &C) const;

  // MappingModel.cpp
  clang::ento::ProgramStateRef modelUnmap(clang::ento::ProgramStateRef St,
                                          const ModeledCall &MC,
                                          clang::ento::CheckerContext &C) const;
  clang::ento::ProgramStateRef modelMap(clang::ento::ProgramStateRef St,
                                        const ModeledCall &MC,
                                        clang::ento::CheckerContext &C) const;
  /// \p V (a mapping's address) leaves the function: stored at \p Site
  /// (or returned).
  clang::ento::ProgramStateRef
  markEscaped(clang::ento::ProgramStateRef St, clang::ento::SVal V,
              const clang::Stmt *Site, clang::ento::CheckerContext &C) const;
  /// A mapping's address kept through casts and arithmetic the analyzer
  /// gives up on.
  void checkPostStmt(const clang::BinaryOperator *BO,
                     clang::ento::CheckerContext &C) const;
  void keepAddressThroughCast(const clang::CastExpr *CE,
                              clang::ento::CheckerContext &C) const;
  /// Binds of a mapping's address to memory that outlives the function.
  clang::ento::ProgramStateRef
  bindEscapes(clang::ento::ProgramStateRef St, clang::ento::SVal Loc,
              clang::ento::SVal Val, const clang::Stmt *S,
              clang::ento::CheckerContext &C) const;

  // CursorModel.cpp
  /// A callee whose rules/api entry says it advances a cursor of a struct
  /// it is given (zlib_inflate: strm->next_out by up to strm->avail_out):
  /// evaluated as a call without a body, then the cursor moves.
  clang::ento::ProgramStateRef
  modelAdvance(clang::ento::ProgramStateRef St, const ModeledCall &MC,
               clang::ento::CheckerContext &C) const;
  /// A bind: an increment of a cursor into a mapping (o->pos += n) is where
  /// it moved; any other store of the mapping's address starts over.
  clang::ento::ProgramStateRef
  recordCursorMove(clang::ento::ProgramStateRef St, clang::ento::SVal Val,
                   const clang::Stmt *S, clang::ento::CheckerContext &C) const;
  /// The largest offset \p Arg can have from the start of \p T's mapping on
  /// this path (when known) and where the cursor last moved.
  void describeCursor(clang::ento::ProgramStateRef St, clang::ento::SVal Arg,
                      UnmapTarget &T, clang::ento::CheckerContext &C) const;

  // IdentityModel.cpp
  /// A pinned lvalue \p R now holds \p V (a model moved it).
  clang::ento::ProgramStateRef repin(clang::ento::ProgramStateRef St,
                                     const clang::ento::MemRegion *R,
                                     clang::ento::SVal V) const;
  /// Puts back the values of pinned lvalues the invalidator cannot write.
  clang::ento::ProgramStateRef
  checkRegionChanges(clang::ento::ProgramStateRef St,
                     const clang::ento::InvalidatedSymbols *Invalidated,
                     llvm::ArrayRef<const clang::ento::MemRegion *> Explicit,
                     llvm::ArrayRef<const clang::ento::MemRegion *> Regions,
                     const clang::LocationContext *LCtx,
                     const clang::ento::CallEvent *Call) const;
  /// A bind: pins an lvalue that receives a mapping's address (and the
  /// pointers it is reached through); a pinned lvalue the program writes
  /// takes its new value.
  clang::ento::ProgramStateRef pinOnBind(clang::ento::ProgramStateRef St,
                                         clang::ento::SVal Loc,
                                         clang::ento::SVal Val,
                                         const clang::Stmt *S,
                                         clang::ento::CheckerContext &C) const;
  /// Pins the lvalues a map's page expression reads (*req->pages).
  clang::ento::ProgramStateRef
  pinPageExpr(clang::ento::ProgramStateRef St, const clang::Expr *Page,
              clang::ento::CheckerContext &C) const;
  /// Pins the lvalues an if-condition reads.
  clang::ento::ProgramStateRef
  pinCondition(clang::ento::ProgramStateRef St, const clang::Stmt *Cond,
               clang::ento::CheckerContext &C) const;
  /// The end of an inlined call: the local mappings it made and hands to
  /// no one are recorded as dropped there.
  clang::ento::ProgramStateRef
  dropAtCallEnd(clang::ento::ProgramStateRef St, const clang::ReturnStmt *RS,
                clang::ento::CheckerContext &C) const;
  /// At the top function's end: dropped mappings still live and unescaped
  /// are judged where they were dropped (PathCheck::atInlinedFunctionEnd),
  /// once, and not again at the top's exit.
  clang::ento::ProgramStateRef
  judgeDropped(clang::ento::ProgramStateRef St,
               clang::ento::CheckerContext &C) const;
  /// Pinned values and global-address comparisons keep their symbols live.
  void checkLiveSymbols(clang::ento::ProgramStateRef St,
                        clang::ento::SymbolReaper &SR) const;
  /// Forgets the pins of the frame that ends.
  clang::ento::ProgramStateRef unpinFrame(clang::ento::ProgramStateRef St,
                                          clang::ento::CheckerContext &C) const;
  /// 'p == &global' (or !=): one symbol per pair on the path; true when it
  /// bound the result.
  bool compareWithGlobalAddress(const clang::BinaryOperator *BO,
                                clang::ento::CheckerContext &C) const;

  // LockStateModel.cpp
  clang::ento::ProgramStateRef modelLock(clang::ento::ProgramStateRef St,
                                         const ModeledCall &MC,
                                         clang::ento::CheckerContext &C) const;

  // ContextModel.cpp
  clang::ento::ProgramStateRef
  modelEffects(clang::ento::ProgramStateRef St, const ModeledCall &MC,
               clang::ento::CheckerContext &C) const;
  /// IS_ERR(p), IS_ERR_OR_NULL(p): split on the outcome once per pointer.
  bool evalErrorPointerTest(clang::ento::ProgramStateRef St,
                            const ApiEntry &Ent,
                            const clang::ento::CallEvent &Call,
                            clang::ento::CheckerContext &C) const;
  /// A call that does not return ends the path.
  void checkPostCall(const clang::ento::CallEvent &Call,
                     clang::ento::CheckerContext &C) const;
};

/// The variable or field a lock argument names: &kmap_lock, &zone->lock.
const clang::NamedDecl *lockArgDecl(const clang::Expr *E);

} // namespace kmapcheck

#endif
