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
#include <memory>
#include <optional>
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
  EffectEntries.clear();
  Written.clear();
  DepthUnknownNames.clear();
  for (const FunctionSummary &S : Functions) {
    if (!S.Writes.empty())
      Written.try_emplace(S.Name, S.Writes);
    if (S.DepthUnknown)
      DepthUnknownNames.insert(S.Name);
  }
  // What a function does to the caller's state: the first summary of a
  // name counts (names of functions with external linkage are unique in
  // one configuration).
  for (const FunctionSummary &S : Functions) {
    if (S.Effects.empty() || EffectEntries.count(S.Name))
      continue;
    ApiEntry &E = EffectEntries[S.Name];
    E.Name = S.Name;
    E.SourceFile = S.File;
    E.SourceLine = S.Line;
    E.Via = describeEffects(S.Name, S.Effects);
    for (const SummaryEffect &F : S.Effects)
      switch (F.What) {
      case SummaryEffect::Kind::Maps:
        E.Map = MapSpec{F.Map, F.Param};
        break;
      case SummaryEffect::Kind::Unmaps:
        E.Unmap = UnmapSpec{F.Map, F.ByAddress, unsigned(F.Param)};
        break;
      case SummaryEffect::Kind::Depth:
        E.Effects.push_back(F.Depth);
        break;
      case SummaryEffect::Kind::WaitsForIpi:
        E.WaitsForIpi = IpiSpec{-1};
        break;
      }
  }
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

const ApiEntry *SummaryIndex::effectEntry(llvm::StringRef Name) const {
  auto It = EffectEntries.find(Name);
  return It == EffectEntries.end() ? nullptr : &It->second;
}

const std::vector<std::string> *
SummaryIndex::writesOf(llvm::StringRef Name) const {
  auto It = Written.find(Name);
  return It == Written.end() ? nullptr : &It->second;
}

std::string SummaryIndex::effectSignature(llvm::StringRef Name) const {
  const ApiEntry *E = effectEntry(Name);
  return E ? E->Via : std::string();
}

std::string describeEffects(llvm::StringRef Name,
                            const std::vector<SummaryEffect> &Effects) {
  auto Verb = [](const SummaryEffect &F) -> std::string {
    switch (F.What) {
    case SummaryEffect::Kind::Maps:
      return F.Map == MapKind::Global ? "maps a page and returns its address"
                                      : "maps a page and returns the address";
    case SummaryEffect::Kind::Unmaps:
      return "unmaps its argument #" + std::to_string(F.Param + 1);
    case SummaryEffect::Kind::WaitsForIpi:
      return "waits for IPIs";
    case SummaryEffect::Kind::Depth:
      switch (F.Depth) {
      case Effect::PagefaultDisable:
        return "disables page faults";
      case Effect::PagefaultEnable:
        return "enables page faults";
      case Effect::PreemptDisable:
        return "disables preemption";
      case Effect::PreemptEnable:
        return "enables preemption";
      case Effect::IrqDisable:
        return "disables IRQs";
      default:
        return "enables IRQs";
      }
    }
    return "";
  };
  // One group per call of the model: kmap_atomic() maps and disables
  // preemption and page faults.
  std::vector<std::pair<SummaryStep, std::vector<std::string>>> Groups;
  for (const SummaryEffect &F : Effects) {
    auto It =
        llvm::find_if(Groups, [&](const auto &G) { return G.first == F.Via; });
    if (It == Groups.end())
      It = Groups.insert(Groups.end(), {F.Via, {}});
    std::string V = Verb(F);
    if (!llvm::is_contained(It->second, V))
      It->second.push_back(std::move(V));
  }
  std::string Out = Name.str() + "()";
  for (size_t G = 0; G < Groups.size(); ++G) {
    const auto &[Via, Verbs] = Groups[G];
    Out += G ? "; " : " ";
    for (size_t I = 0; I < Verbs.size(); ++I)
      Out += (I == 0 ? "" : I + 1 == Verbs.size() ? " and " : ", ") + Verbs[I];
    Out += ": it calls " + Via.Callee + "() at " + Via.File + ":" +
           std::to_string(Via.Line);
  }
  return Out;
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
  /// Every call of the model that changes the state the checks follow (a
  /// map, an unmap, a depth effect, a lock, an IPI wait), every time or not.
  struct StateCall {
    const CallExpr *CE;
    ApiCall AC;
    bool EveryTime;
  };
  std::vector<StateCall> Stateful;
  /// Every TU-local callee, called every time or not.
  std::vector<const FunctionDecl *> AnyLocal;
};

/// A call of \p E changes what the caller's path checks follow.
static bool changesState(const ApiEntry &E) {
  return E.Map || E.Unmap || !E.Effects.empty() || E.Lock || E.WaitsForIpi;
}

/// The index of the parameter \p E names (casts aside), or -1.
static int paramIndex(const Expr *E) {
  if (!E)
    return -1;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      return int(P->getFunctionScopeIndex());
  return -1;
}

/// Every return of \p FD returns what \p Map returned: the call itself
/// (casts aside), or a local variable whose only value is that call's.
static bool returnsOnly(const FunctionDecl *FD, const CallExpr *Map) {
  struct Walk : RecursiveASTVisitor<Walk> {
    const CallExpr *Map;
    std::vector<const Expr *> Returned;
    std::vector<const BinaryOperator *> Assigns;
    std::vector<const VarDecl *> Vars;
    bool Bare = false; // a return without a value
    bool VisitReturnStmt(ReturnStmt *RS) {
      if (!RS->getRetValue())
        Bare = true;
      else
        Returned.push_back(RS->getRetValue()->IgnoreParenCasts());
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp())
        Assigns.push_back(BO);
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        Assigns.push_back(nullptr); // a write the walk does not follow
      return true;
    }
  } W;
  W.Map = Map;
  W.TraverseStmt(FD->getBody());
  if (W.Bare || W.Returned.empty())
    return false;
  for (const Expr *R : W.Returned) {
    if (R == Map)
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(R);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V))
      return false;
    // Its value is the mapping's and nothing else's.
    bool FromMap = V->getInit() && V->getInit()->IgnoreParenCasts() == Map;
    if (V->getInit() && !FromMap)
      return false;
    for (const BinaryOperator *BO : W.Assigns) {
      if (!BO)
        return false;
      const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts());
      if (!L || L->getDecl() != V)
        continue;
      if (BO->getOpcode() != BO_Assign ||
          BO->getRHS()->IgnoreParenCasts() != Map)
        return false;
      FromMap = true;
    }
    if (!FromMap)
      return false;
  }
  return true;
}

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
    std::optional<std::vector<SummaryEffect>> Effects = effectsOf(FD);
    if (Effects)
      S.Effects = std::move(*Effects);
    else
      S.DepthUnknown = reachesDepth(FD);
    return S;
  }

private:
  /// What \p FD does every time to its caller's state, through the calls
  /// of the model in its own body; nothing when one of them may not run,
  /// takes a lock, saves or restores the IRQ state, or is one of several
  /// maps and unmaps, or when a TU-local callee changes the state itself.
  std::optional<std::vector<SummaryEffect>>
  effectsOf(const FunctionDecl *FD) {
    const BodyCalls &B = callsOf(FD);
    for (const FunctionDecl *L : B.AnyLocal)
      if (reachesState(L))
        return std::nullopt;
    if (B.Stateful.empty())
      return std::vector<SummaryEffect>();
    const BodyCalls::StateCall *MapCall = nullptr, *UnmapCall = nullptr;
    unsigned MapsAndUnmaps = 0;
    // Net depth changes per family: page faults, preemption, IRQs.
    int Net[3] = {0, 0, 0};
    const BodyCalls::StateCall *NetVia[3] = {nullptr, nullptr, nullptr};
    std::vector<SummaryEffect> Ipi;
    for (const BodyCalls::StateCall &M : B.Stateful) {
      const ApiEntry &E = *M.AC.Entry;
      if (!M.EveryTime || E.Lock)
        return std::nullopt;
      if (E.Map) {
        MapCall = &M;
        ++MapsAndUnmaps;
      }
      if (E.Unmap) {
        UnmapCall = &M;
        ++MapsAndUnmaps;
      }
      for (Effect Ef : E.Effects) {
        int Family, Delta;
        switch (Ef) {
        case Effect::PagefaultDisable:
        case Effect::PagefaultEnable:
          Family = 0;
          Delta = Ef == Effect::PagefaultDisable ? 1 : -1;
          break;
        case Effect::PreemptDisable:
        case Effect::PreemptEnable:
          Family = 1;
          Delta = Ef == Effect::PreemptDisable ? 1 : -1;
          break;
        case Effect::IrqDisable:
        case Effect::IrqEnable:
          Family = 2;
          Delta = Ef == Effect::IrqDisable ? 1 : -1;
          break;
        default:
          return std::nullopt; // the saved state travels in a variable
        }
        Net[Family] += Delta;
        if (!NetVia[Family] || (Net[Family] > 0) == (Delta > 0))
          NetVia[Family] = &M;
      }
      if (E.WaitsForIpi) {
        int W = E.WaitsForIpi->WaitArg;
        Expr::EvalResult R;
        if (W >= 0 && (unsigned(W) >= M.CE->getNumArgs() ||
                       M.CE->getArg(W)->isValueDependent() ||
                       !M.CE->getArg(W)->EvaluateAsInt(R, Ctx.ast()) ||
                       R.Val.getInt().isZero()))
          continue; // waits only as its caller says, or not at all
        SummaryEffect F;
        F.What = SummaryEffect::Kind::WaitsForIpi;
        F.Via = step(M.CE, M.AC.Spelled);
        Ipi.push_back(std::move(F));
      }
    }
    if (MapsAndUnmaps > 1)
      return std::nullopt;
    std::vector<SummaryEffect> Out;
    if (MapCall) {
      const ApiEntry &E = *MapCall->AC.Entry;
      if (!returnsOnly(FD, MapCall->CE))
        return std::nullopt;
      SummaryEffect F;
      F.What = SummaryEffect::Kind::Maps;
      F.Map = E.Map->Kind;
      if (E.Map->PageArg >= 0 &&
          unsigned(E.Map->PageArg) < MapCall->CE->getNumArgs())
        F.Param = paramIndex(MapCall->CE->getArg(E.Map->PageArg));
      F.Via = step(MapCall->CE, MapCall->AC.Spelled);
      Out.push_back(std::move(F));
    }
    if (UnmapCall) {
      const ApiEntry &E = *UnmapCall->AC.Entry;
      if (E.Unmap->Arg >= UnmapCall->CE->getNumArgs())
        return std::nullopt;
      SummaryEffect F;
      F.What = SummaryEffect::Kind::Unmaps;
      F.Map = E.Unmap->Kind;
      F.ByAddress = E.Unmap->ArgIsAddress;
      F.Param = paramIndex(UnmapCall->CE->getArg(E.Unmap->Arg));
      if (F.Param < 0)
        return std::nullopt; // it unmaps something of its own
      F.Via = step(UnmapCall->CE, UnmapCall->AC.Spelled);
      Out.push_back(std::move(F));
    }
    static const Effect Up[3] = {Effect::PagefaultDisable,
                                 Effect::PreemptDisable, Effect::IrqDisable};
    static const Effect Down[3] = {Effect::PagefaultEnable,
                                   Effect::PreemptEnable, Effect::IrqEnable};
    for (int Family = 0; Family < 3; ++Family)
      for (int I = 0; I < std::abs(Net[Family]); ++I) {
        SummaryEffect F;
        F.What = SummaryEffect::Kind::Depth;
        F.Depth = Net[Family] > 0 ? Up[Family] : Down[Family];
        F.Via = step(NetVia[Family]->CE, NetVia[Family]->AC.Spelled);
        Out.push_back(std::move(F));
      }
    for (SummaryEffect &F : Ipi)
      Out.push_back(std::move(F));
    return Out;
  }

  /// \p FD, or a TU-local function it calls, calls the model in a way that
  /// changes the state the checks follow.
  bool reachesState(const FunctionDecl *FD) {
    auto [It, New] = StateMemo.try_emplace(FD, false);
    if (!New)
      return It->second; // decided, or on the way (a cycle adds nothing)
    const BodyCalls &B = callsOf(FD);
    bool R = !B.Stateful.empty();
    for (size_t I = 0; !R && I < B.AnyLocal.size(); ++I)
      R = reachesState(B.AnyLocal[I]);
    return StateMemo[FD] = R;
  }

  /// \p FD, or a TU-local function it calls, changes the page-fault or
  /// preemption depth on some path.
  bool reachesDepth(const FunctionDecl *FD) {
    llvm::DenseSet<const FunctionDecl *> Seen{FD};
    std::vector<const FunctionDecl *> Work{FD};
    while (!Work.empty()) {
      const BodyCalls &B = callsOf(Work.back());
      Work.pop_back();
      for (const BodyCalls::StateCall &M : B.Stateful)
        for (Effect Ef : M.AC.Entry->Effects)
          if (Ef == Effect::PagefaultDisable || Ef == Effect::PagefaultEnable ||
              Ef == Effect::PreemptDisable || Ef == Effect::PreemptEnable)
            return true;
      for (const FunctionDecl *L : B.AnyLocal)
        if (Seen.insert(L).second)
          Work.push_back(L);
    }
    return false;
  }

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
      return *It->second;
    struct Visit : RecursiveASTVisitor<Visit> {
      Summarizer &Sm;
      BodyCalls &Out;
      ParentMap &PM;
      Visit(Summarizer &Sm, BodyCalls &Out, ParentMap &PM)
          : Sm(Sm), Out(Out), PM(PM) {}
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || !Callee->getIdentifier())
          return true;
        bool Every = reachedOnEveryCall(CE, PM, Sm.Ctx.ast());
        const ApiModel &Api = Sm.Ctx.api();
        if (Api.isModeled(Callee->getName())) {
          if (auto AC = resolveApiCall(CE, Api, Sm.Ctx.ast())) {
            const ApiEntry &E = *AC->Entry;
            if (changesState(E))
              Out.Stateful.push_back({CE, *AC, Every});
            if (!Every)
              return true;
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
        bool Local = Callee->hasBody(Def) && Def;
        if (Local)
          Out.AnyLocal.push_back(Def);
        if (!Every)
          return true;
        if (Local)
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
    return *(Memo[FD] = std::make_unique<BodyCalls>(std::move(New)));
  }

  TUContext &Ctx;
  uint64_t GfpSleepBit;
  /// Stable addresses: callers hold a body's calls while others are added.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BodyCalls>> Memo;
  llvm::DenseMap<const FunctionDecl *, bool> StateMemo;
};

} // namespace

std::vector<FunctionSummary> summarizeTU(
    TUContext &Ctx, uint64_t GfpSleepBit,
    llvm::function_ref<std::vector<std::string>(const FunctionDecl *)>
        Writes) {
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
    if (Writes)
      S.Writes = Writes(FD);
    if (!S.Sleeps.empty() || !S.Calls.empty() || !S.Effects.empty() ||
        !S.Writes.empty() || S.DepthUnknown)
      Out.push_back(std::move(S));
  }
  return Out;
}

} // namespace kmapcheck
