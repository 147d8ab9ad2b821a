//===- Summaries.cpp - Facts about functions across TUs -------------------===//
#include "core/Summaries.h"
#include "core/ApiCallResolver.h"
#include "core/TUContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <deque>
#include <tuple>

namespace kmapcheck {
using namespace clang;

void SummaryIndex::dropFile(llvm::StringRef File) {
  llvm::erase_if(Functions,
                 [&](const FunctionSummary &S) { return S.File == File; });
}

void SummaryIndex::finalize() {
  llvm::sort(Functions, [](const FunctionSummary &A, const FunctionSummary &B) {
    return std::tie(A.File, A.Line, A.Name) < std::tie(B.File, B.Line, B.Name);
  });
  // Identical summaries (a file given twice) count once.
  Functions.erase(std::unique(Functions.begin(), Functions.end()),
                  Functions.end());
  Sleeping.clear();
  // A function sleeps through its own TU first; then, round by round, through
  // a callee of another TU that sleeps: each round adds the functions one
  // call further away, so every chain is as short as it can be, and the
  // order of the summaries decides ties.
  for (const FunctionSummary &S : Functions)
    if (!S.Sleeps.empty())
      Sleeping.try_emplace(S.Name, S.Sleeps);
  for (bool Changed = true; Changed;) {
    Changed = false;
    llvm::StringMap<SummaryChain> Round;
    for (const FunctionSummary &S : Functions) {
      if (Sleeping.count(S.Name) || Round.count(S.Name))
        continue;
      for (const SummaryChain &C : S.Calls) {
        auto It = Sleeping.find(C.back().Callee);
        if (It == Sleeping.end())
          continue;
        SummaryChain Full = C;
        Full.insert(Full.end(), It->second.begin(), It->second.end());
        Round.try_emplace(S.Name, std::move(Full));
        break;
      }
    }
    for (auto &KV : Round) {
      Sleeping.try_emplace(KV.getKey(), std::move(KV.getValue()));
      Changed = true;
    }
  }
}

const SummaryChain *SummaryIndex::sleepChain(llvm::StringRef Name) const {
  auto It = Sleeping.find(Name);
  return It == Sleeping.end() ? nullptr : &It->second;
}

std::string describeSleepChain(llvm::StringRef Name, const SummaryChain &C) {
  std::string Out = Name.str() + "() may sleep:";
  for (size_t I = 0; I < C.size(); ++I)
    Out += (I ? ", which calls " : " it calls ") + C[I].Callee + "() at " +
           C[I].File + ":" + std::to_string(C[I].Line);
  return Out;
}

namespace {

/// An error value: a negative integer constant (-EINVAL) or ERR_PTR(...).
static bool isErrorValue(const Expr *E, const ASTContext &AST) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->getIdentifier() &&
          (FD->getName() == "ERR_PTR" || FD->getName() == "ERR_CAST"))
        return true;
  Expr::EvalResult R;
  return !E->isValueDependent() && E->EvaluateAsInt(R, AST) && R.Val.isInt() &&
         R.Val.getInt().isNegative();
}

/// \p Exit (a return, or a goto of \p Block) leaves with an error: it
/// returns an error value, or the block set a variable to one before the
/// goto (`rc = -EOPNOTSUPP; goto out;`).
static bool isErrorExit(const Stmt *Exit, const CompoundStmt *Block,
                        const ASTContext &AST) {
  if (const auto *RS = dyn_cast<ReturnStmt>(Exit))
    return isErrorValue(RS->getRetValue(), AST);
  if (!isa<GotoStmt>(Exit) || !Block)
    return false;
  for (const Stmt *S : Block->body()) {
    if (S == Exit)
      break;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->getOpcode() == BO_Assign && isErrorValue(BO->getRHS(), AST))
        return true;
  }
  return false;
}

/// A statement that may leave the enclosing block early, other than with
/// an error: what a function does every time it succeeds is what its
/// callers rely on (ecryptfs_getxattr_lower(): `-EOPNOTSUPP` when the lower
/// inode has no xattrs, else inode_lock()).
static bool mayLeaveEarly(const Stmt *S, const ASTContext &AST) {
  if (!S)
    return false;
  if (const auto *RS = dyn_cast<ReturnStmt>(S))
    return !isErrorExit(RS, nullptr, AST);
  if (isa<GotoStmt, BreakStmt, ContinueStmt, IndirectGotoStmt>(S))
    return true;
  if (const auto *Asm = dyn_cast<GCCAsmStmt>(S))
    return Asm->isAsmGoto();
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *C : CS->body()) {
      if (isa<ReturnStmt, GotoStmt>(C) && isErrorExit(C, CS, AST))
        return false; // the rest of the block does not run
      if (mayLeaveEarly(C, AST))
        return true;
    }
    return false;
  }
  for (const Stmt *C : S->children())
    if (mayLeaveEarly(C, AST))
      return true;
  return false;
}

/// \p CE runs every time its function runs (short of a crash): it is not
/// under a condition, a loop body that may not run, the right-hand side of
/// && or ||, or the arms of ?:, and no statement before it in its blocks
/// may leave them early. A summary counts only such calls: "may sleep" of
/// a callee in another TU is reported without the caller's path, so a
/// sleep behind a test (printk()'s console_unlock() only when it may
/// schedule, kfree()'s debug-only panic path) must not make the callee
/// sleep for every caller.
static bool reachedOnEveryCall(const Stmt *CE, ParentMap &PM,
                               const ASTContext &AST) {
  const Stmt *Child = CE;
  for (const Stmt *P = PM.getParent(Child); P; Child = P, P = PM.getParent(P)) {
    if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
      for (const Stmt *Before : CS->body()) {
        if (Before == Child)
          break;
        if (mayLeaveEarly(Before, AST))
          return false;
      }
      continue;
    }
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child != If->getCond() && Child != If->getInit() &&
          Child != If->getConditionVariableDeclStmt())
        return false;
      continue;
    }
    if (const auto *W = dyn_cast<WhileStmt>(P)) {
      if (Child != W->getCond())
        return false;
      continue;
    }
    if (const auto *F = dyn_cast<ForStmt>(P)) {
      if (Child != F->getInit() && Child != F->getCond())
        return false;
      continue;
    }
    if (const auto *Sw = dyn_cast<SwitchStmt>(P)) {
      if (Child != Sw->getCond() && Child != Sw->getInit())
        return false;
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        return false;
      continue;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child != CO->getCond())
        return false;
      continue;
    }
    // do { } while (), statement expressions, declarations, returns and
    // every other expression run their children.
    if (isa<DoStmt, StmtExpr, DeclStmt, ReturnStmt, Expr, AttributedStmt>(P))
      continue;
    return false; // labels, case arms, anything else: not every time
  }
  return true;
}

/// The calls of one body that run every time it runs: sleeping calls of
/// the model, calls of functions with a body in the TU, and calls of
/// functions without one.
struct BodyCalls {
  /// The body enables preemption, page faults or IRQs, or releases a lock,
  /// every time it runs: it opens the context it may sleep in itself
  /// (schedule_preempt_disabled(): enable, schedule(), disable, called with
  /// preemption disabled by contract). Its sleeps say nothing of the
  /// caller's context, so they are not summarised.
  bool OpensContext = false;
  std::vector<std::pair<const CallExpr *, std::string>> Sleeps;
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> Local;
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> External;
};

class Summarizer {
public:
  Summarizer(TUContext &Ctx, uint64_t GfpSleepBit)
      : Ctx(Ctx), GfpSleepBit(GfpSleepBit) {}

  FunctionSummary summarize(const FunctionDecl *FD) {
    FunctionSummary S;
    S.Name = FD->getName().str();
    SourcePos P = Ctx.pos(FD->getLocation());
    S.File = P.File;
    S.Line = P.Line;
    // Breadth first over the TU-local callees: the shortest chain to each
    // fact.
    struct Node {
      const FunctionDecl *FD;
      SummaryChain Chain;
    };
    std::deque<Node> Queue{{FD, {}}};
    llvm::DenseSet<const FunctionDecl *> Seen{FD};
    llvm::StringSet<> ExternalSeen;
    while (!Queue.empty()) {
      Node N = std::move(Queue.front());
      Queue.pop_front();
      const BodyCalls &B = callsOf(N.FD);
      if (B.OpensContext)
        continue;
      if (S.Sleeps.empty() && !B.Sleeps.empty()) {
        S.Sleeps = N.Chain;
        S.Sleeps.push_back(
            step(B.Sleeps.front().first, B.Sleeps.front().second));
      }
      for (const auto &[CE, Callee] : B.External) {
        if (!ExternalSeen.insert(Callee->getName()).second)
          continue;
        SummaryChain C = N.Chain;
        C.push_back(step(CE, Callee->getName()));
        S.Calls.push_back(std::move(C));
      }
      for (const auto &[CE, Callee] : B.Local) {
        if (!Seen.insert(Callee).second)
          continue;
        SummaryChain C = N.Chain;
        C.push_back(step(CE, Callee->getName()));
        Queue.push_back({Callee, std::move(C)});
      }
    }
    return S;
  }

private:
  SummaryStep step(const CallExpr *CE, llvm::StringRef Callee) {
    SourcePos P = Ctx.pos(CE->getExprLoc());
    return {Callee.str(), P.File, P.Line};
  }

  bool sleeps(const ApiEntry &E, const CallExpr *CE) {
    if (E.MightSleep)
      return true;
    if (E.SleepGfpArg < 0 || !GfpSleepBit ||
        unsigned(E.SleepGfpArg) >= CE->getNumArgs())
      return false;
    Expr::EvalResult R;
    const Expr *Arg = CE->getArg(E.SleepGfpArg);
    if (Arg->isValueDependent() || !Arg->EvaluateAsInt(R, Ctx.ast()))
      return false; // flags from the caller: not known here
    return (R.Val.getInt().getZExtValue() & GfpSleepBit) != 0;
  }

  const BodyCalls &callsOf(const FunctionDecl *FD) {
    auto It = Memo.find(FD);
    if (It != Memo.end())
      return It->second;
    struct Visit : RecursiveASTVisitor<Visit> {
      Summarizer &Sm;
      BodyCalls &Out;
      ParentMap &PM;
      Visit(Summarizer &Sm, BodyCalls &Out, ParentMap &PM)
          : Sm(Sm), Out(Out), PM(PM) {}
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || !Callee->getIdentifier() ||
            !reachedOnEveryCall(CE, PM, Sm.Ctx.ast()))
          return true;
        const ApiModel &Api = Sm.Ctx.api();
        if (Api.isModeled(Callee->getName())) {
          if (auto AC = resolveApiCall(CE, Api, Sm.Ctx.ast())) {
            const ApiEntry &E = *AC->Entry;
            if (Sm.sleeps(E, CE))
              Out.Sleeps.push_back({CE, AC->Spelled});
            if (E.hasEffect(Effect::PreemptEnable) ||
                E.hasEffect(Effect::PagefaultEnable) ||
                E.hasEffect(Effect::IrqEnable) ||
                E.hasEffect(Effect::IrqRestore) ||
                (E.Lock && E.Lock->Action == LockAction::Release))
              Out.OpensContext = true;
          }
          return true; // the model's bodies are not the client's
        }
        const FunctionDecl *Def = nullptr;
        if (Callee->hasBody(Def) && Def)
          Out.Local.push_back({CE, Def});
        else
          Out.External.push_back({CE, Callee});
        return true;
      }
    };
    BodyCalls New;
    if (const Stmt *Body = FD->getBody()) {
      ParentMap PM(const_cast<Stmt *>(Body));
      Visit V(*this, New, PM);
      V.TraverseStmt(const_cast<Stmt *>(Body));
    }
    return Memo[FD] = std::move(New);
  }

  TUContext &Ctx;
  uint64_t GfpSleepBit;
  llvm::DenseMap<const FunctionDecl *, BodyCalls> Memo;
};

} // namespace

std::vector<FunctionSummary> summarizeTU(TUContext &Ctx, uint64_t GfpSleepBit) {
  std::vector<FunctionSummary> Out;
  Summarizer Sm(Ctx, GfpSleepBit);
  for (const FunctionDecl *FD : Ctx.index().Functions) {
    if (!FD->getIdentifier() || !FD->isThisDeclarationADefinition() ||
        !FD->isExternallyVisible() || FD->getStorageClass() == SC_Static ||
        FD->isInlineSpecified() || !isUserCode(Ctx.sm(), FD->getLocation()))
      continue;
    if (Ctx.api().isModeled(FD->getName()))
      continue; // the model says what it does
    FunctionSummary S = Sm.summarize(FD);
    if (!S.Sleeps.empty() || !S.Calls.empty())
      Out.push_back(std::move(S));
  }
  return Out;
}

} // namespace kmapcheck
