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
#include <set>

namespace kmapcheck {

class PathEngine {
public:
  PathEngine(TUContext &Ctx, const std::vector<PathCheck *> &Checks)
      : Ctx(Ctx), Checks(Checks) {}

  TUContext &Ctx;
  const std::vector<PathCheck *> &Checks;
  const clang::FunctionDecl *Top = nullptr;
  /// A call on a path of Top was evaluated without its body because the
  /// path was MaxFrames deep.
  bool DepthCut = false;

  /// The modeled call \p CE is, or none.
  const std::optional<ApiCall> &resolve(const clang::CallExpr *CE);
  bool calledInTU(const clang::FunctionDecl *FD) {
    return Ctx.index().CalledInTU.count(FD->getCanonicalDecl());
  }

  // Reachability.cpp
  /// Does \p FD, or a function of this TU it calls, have effect \p Ef?
  bool reachesEffect(const clang::FunctionDecl *FD, Effect Ef,
                     bool DirectOnly = false);
  const std::vector<const clang::FunctionDecl *> &
  calleesOf(const clang::FunctionDecl *FD);

  /// Where this TU takes a lock with IRQs disabled (spin_lock_irq*).
  llvm::DenseMap<const clang::NamedDecl *, clang::SourceLocation> IrqOffSites;
  /// Lock calls whose lock has no known identity (LockStateModel.cpp).
  llvm::DenseSet<const clang::CallExpr *> UnknownLockCalls;
  const char *internLockName(llvm::StringRef Name) {
    return LockNames.try_emplace(Name, 0).first->getKeyData();
  }

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
  clang::ento::ProgramStateRef
  notify(clang::ento::CheckerContext &C, clang::ento::ProgramStateRef St,
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
  /// (check and message without its numbers, position) already reported:
  /// one finding per location, on the first path that reaches it (a loop
  /// would otherwise give one per iteration).
  std::set<std::pair<std::string, SourcePos>> Reported;
};

class KmapEngineChecker
    : public clang::ento::Checker<
          clang::ento::eval::Call, clang::ento::check::Bind,
          clang::ento::check::Location, clang::ento::check::EndFunction,
          clang::ento::check::PostCall,
          clang::ento::check::PostStmt<clang::BinaryOperator>,
          clang::ento::check::PostStmt<clang::CastExpr>,
          clang::ento::check::BranchCondition> {
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

  /// One modeled call, as the dispatch table of evalCall sees it.
  struct ModeledCall {
    const ApiCall &AC;
    const clang::ento::CallEvent &Call;
    const clang::CallExpr *CE;
    clang::ento::SVal Ret;
  };

  // MappingModel.cpp
  clang::ento::ProgramStateRef modelUnmap(clang::ento::ProgramStateRef St,
                                          const ModeledCall &MC,
                                          clang::ento::CheckerContext &C) const;
  clang::ento::ProgramStateRef modelMap(clang::ento::ProgramStateRef St,
                                        const ModeledCall &MC,
                                        clang::ento::CheckerContext &C) const;
  /// \p V (a mapping's address) leaves the function: stored at \p Site
  /// (or returned).
  clang::ento::ProgramStateRef markEscaped(clang::ento::ProgramStateRef St,
                                           clang::ento::SVal V,
                                           const clang::Stmt *Site,
                                           clang::ento::CheckerContext &C) const;
  /// A mapping's address kept through casts and arithmetic the analyzer
  /// gives up on.
  void checkPostStmt(const clang::BinaryOperator *BO,
                     clang::ento::CheckerContext &C) const;
  void keepAddressThroughCast(const clang::CastExpr *CE,
                              clang::ento::CheckerContext &C) const;
  /// Binds of a mapping's address to memory that outlives the function.
  clang::ento::ProgramStateRef bindEscapes(clang::ento::ProgramStateRef St,
                                           clang::ento::SVal Loc,
                                           clang::ento::SVal Val,
                                           const clang::Stmt *S,
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
