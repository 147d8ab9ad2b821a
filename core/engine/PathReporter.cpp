//===- PathReporter.cpp - Findings with the path that leads to them -------===//
//
// A finding carries the branches taken on the way to it ("assuming 'err' is
// true"), but only those that decide whether what it is about is live, as
// the Static Analyzer's path pruning and condition tracking keep them. In
// each frame of the path, the anchors are:
//  - the report's statement;
//  - the path's events of the mappings, locks and depths the finding is
//    about (PathContext::involve): a mapping made, released or handed on, a
//    lock taken or released, a depth changed;
//  - their releases in the frame's function that the path did not take (an
//    unmap of the mapping's kind, a release of the lock, an enable of the
//    depth): the branch that skips one decides the finding too;
//  - for an anchor in an inlined call, the call in its caller;
//  - and every branch kept (its own conditions lead to the finding).
// A branch is kept when an anchor of its frame is control dependent on it
// (post-dominance on the frame's CFG: clang's ControlDependencyCalculator),
// or when its condition reads a variable that holds an involved mapping's
// address or page. Branches in helpers and callers that decide none of it
// are dropped.
//
//===----------------------------------------------------------------------===//
#include "core/StmtUtils.h"
#include "core/engine/EngineChecker.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <map>
#include <set>

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

std::string PathEngine::exprText(const Expr *E) {
  if (!E)
    return "";
  return sourceText(Ctx.ast(), E->getSourceRange(), "...");
}

namespace {

/// The counter an effect changes: 0 page faults, 1 preemption, 2 IRQs.
int depthFamily(Effect Ef) {
  switch (Ef) {
  case Effect::PagefaultDisable:
  case Effect::PagefaultEnable:
    return 0;
  case Effect::PreemptDisable:
  case Effect::PreemptEnable:
    return 1;
  default:
    return 2;
  }
}

int depthValue(ProgramStateRef St, int Family) {
  if (Family == 0)
    return St->get<PagefaultDepth>();
  if (Family == 1)
    return St->get<PreemptDepth>();
  return St->get<IrqOffDepth>();
}

/// What the finding is about, resolved against the path's states.
struct Interest {
  std::vector<std::pair<SymbolRef, Mapping>> Maps;
  std::vector<std::pair<const void *, HeldLock>> Locks;
  std::set<int> Depths;
};

/// Per frame: the blocks the finding depends on, and the frame's control
/// dependencies.
class Anchors {
public:
  void add(const StackFrameContext *F, const CFGBlock *B) {
    if (!F || !B)
      return;
    // The call of an inlined function leads to everything in it.
    while (F && B && Blocks[F].insert(B).second) {
      B = F->getCallSiteBlock();
      const LocationContext *P = F->getParent();
      F = P ? P->getStackFrame() : nullptr;
    }
  }
  /// Is an anchor of frame \p F control dependent on \p Branch?
  bool decides(const StackFrameContext *F, const CFGBlock *Branch) {
    auto It = Blocks.find(F);
    if (It == Blocks.end())
      return false;
    ControlDependencyCalculator &CD = calculator(F);
    for (const CFGBlock *B : It->second)
      if (B != Branch && CD.isControlDependent(const_cast<CFGBlock *>(B),
                                               const_cast<CFGBlock *>(Branch)))
        return true;
    return false;
  }

private:
  ControlDependencyCalculator &calculator(const StackFrameContext *F) {
    auto &Slot = Calcs[F];
    if (!Slot)
      Slot = std::make_unique<ControlDependencyCalculator>(
          F->getAnalysisDeclContext()->getCFG());
    return *Slot;
  }
  std::map<const StackFrameContext *, llvm::SmallPtrSet<const CFGBlock *, 8>>
      Blocks;
  std::map<const StackFrameContext *,
           std::unique_ptr<ControlDependencyCalculator>>
      Calcs;
};

/// The variables a condition reads.
class VarsRead : public RecursiveASTVisitor<VarsRead> {
public:
  std::vector<const VarDecl *> Vars;
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Vars.push_back(VD);
    return true;
  }
};

} // namespace

/// Does \p Cond, evaluated in \p N's frame, read a variable holding an
/// involved mapping's address or page?
static bool readsInvolved(const Stmt *Cond, const ExplodedNode *N,
                          const Interest &I) {
  if (I.Maps.empty())
    return false;
  VarsRead V;
  V.TraverseStmt(const_cast<Stmt *>(Cond));
  ProgramStateRef St = N->getState();
  const LocationContext *LC = N->getLocationContext();
  for (const VarDecl *VD : V.Vars) {
    if (!VD->hasLocalStorage())
      continue;
    SVal Val = St->getSVal(St->getLValue(VD, LC));
    SymbolRef S = baseSymbol(Val);
    const void *Page = pageKey(Val);
    for (const auto &[Id, M] : I.Maps)
      if ((S && S == Id) || (Page && Page == M.Page))
        return true;
  }
  return false;
}

/// Did the involved things change between \p Older and \p Newer?
static bool changed(ProgramStateRef Older, ProgramStateRef Newer,
                    const Interest &I) {
  if (Older == Newer)
    return false;
  for (const auto &[Id, M] : I.Maps) {
    const Mapping *A = Older->get<Mappings>(Id), *B = Newer->get<Mappings>(Id);
    if (!A != !B || (A && !(*A == *B)))
      return true;
  }
  for (const auto &[Key, H] : I.Locks) {
    const HeldLock *A = Older->get<HeldLocks>(Key),
                   *B = Newer->get<HeldLocks>(Key);
    if (!A != !B || (A && A->Count != B->Count))
      return true;
  }
  for (int D : I.Depths)
    if (depthValue(Older, D) != depthValue(Newer, D))
      return true;
  return false;
}

/// Is \p AC a release of something involved (an unmap of a mapping's kind,
/// a release of a lock, an enable of a depth)?
static bool releasesInvolved(const ApiCall &AC, const Interest &I) {
  const ApiEntry &E = *AC.Entry;
  if (E.Unmap)
    for (const auto &[Id, M] : I.Maps)
      if (E.Unmap->Kind == M.Kind)
        return true;
  if (E.Lock && E.Lock->Action == LockAction::Release) {
    for (const auto &[Key, H] : I.Locks) {
      if (H.Named) {
        if (E.Lock->Arg < 0 && E.Lock->Lock == H.Named)
          return true;
        continue;
      }
      if (E.Lock->Arg < 0 || unsigned(E.Lock->Arg) >= AC.Call->getNumArgs())
        continue;
      const NamedDecl *D = lockArgDecl(AC.Call->getArg(E.Lock->Arg));
      if (!D || !H.D || D == H.D)
        return true;
    }
    if (I.Depths.count(2) && (E.Lock->Irq == LockIrq::Enable ||
                              E.Lock->Irq == LockIrq::Restore))
      return true;
  }
  for (Effect Ef : E.Effects)
    if ((Ef == Effect::PagefaultEnable || Ef == Effect::PreemptEnable ||
         Ef == Effect::IrqEnable || Ef == Effect::IrqRestore) &&
        I.Depths.count(depthFamily(Ef)))
      return true;
  return false;
}

void PathEngine::report(CheckerContext &C, ProgramStateRef St,
                        const Check &Ch, SourceLocation Loc,
                        std::string Message, std::vector<FindingNote> Notes,
                        std::vector<Replacement> Fixes, const Involved &What) {
  Finding F;
  F.CheckId = Ch.id().str();
  F.Level = Ch.severity();
  F.Loc = Ctx.pos(Loc);
  F.End = Ctx.tokenEnd(Loc);
  F.Message = std::move(Message);
  // One finding per location, check and message, on the first path: a loop
  // reaches the same return at depth 1, 2, 3... (numbers do not count).
  std::string Shape;
  for (char Char : F.Message)
    if (!isdigit(static_cast<unsigned char>(Char)))
      Shape += Char;
    else if (Shape.empty() || Shape.back() != '#')
      Shape += '#';
  if (!Reported.insert({F.CheckId + ": " + Shape, F.Loc}).second)
    return;

  // The path, newest first.
  std::vector<const ExplodedNode *> PathNodes;
  for (const ExplodedNode *N = C.getPredecessor(); N; N = N->getFirstPred())
    PathNodes.push_back(N);

  // What the finding is about, as the path knows it.
  Interest I;
  auto FindMapping = [&](SymbolRef S) -> const Mapping * {
    if (const Mapping *M = St->get<Mappings>(S))
      return M;
    for (const ExplodedNode *N : PathNodes)
      if (const Mapping *M = N->getState()->get<Mappings>(S))
        return M;
    return nullptr;
  };
  for (SymbolRef S : What.Mappings)
    if (const Mapping *M = FindMapping(S))
      I.Maps.push_back({S, *M});
  for (const void *L : What.Locks) {
    const HeldLock *H = St->get<HeldLocks>(L);
    for (const ExplodedNode *N : PathNodes) {
      if (H)
        break;
      H = N->getState()->get<HeldLocks>(L);
    }
    if (H)
      I.Locks.push_back({L, *H});
  }
  for (Effect Ef : What.Depths)
    I.Depths.insert(depthFamily(Ef));

  // Anchors: the report's statement, the involved things' events on the
  // path, and their releases the path did not take.
  Anchors A;
  // The report's statement: at a function's end, the block that returns
  // (the exit block depends on nothing).
  for (const ExplodedNode *N : PathNodes) {
    const CFGBlock *B = N->getCFGBlock();
    const CFG *G = N->getLocationContext()->getCFG();
    if (!B || (G && B == &G->getExit()))
      continue;
    A.add(N->getStackFrame(), B);
    break;
  }
  std::set<const StackFrameContext *> Frames;
  for (size_t K = 0; K < PathNodes.size(); ++K) {
    const ExplodedNode *N = PathNodes[K];
    Frames.insert(N->getStackFrame());
    ProgramStateRef Newer = K == 0 ? St : PathNodes[K - 1]->getState();
    if (changed(N->getState(), Newer, I)) {
      const ExplodedNode *At = K == 0 ? N : PathNodes[K - 1];
      const CFGBlock *B = At->getCFGBlock();
      A.add(At->getStackFrame(), B ? B : N->getCFGBlock());
    }
  }
  for (const StackFrameContext *Fr : Frames) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Fr->getDecl());
    if (!FD)
      continue;
    auto It = Ctx.index().CallsApi.find(FD);
    if (It == Ctx.index().CallsApi.end())
      continue;
    const CFGStmtMap *Map = Fr->getAnalysisDeclContext()->getCFGStmtMap();
    if (!Map)
      continue;
    for (const CallExpr *CE : It->second)
      if (const auto &AC = resolve(CE))
        if (releasesInvolved(*AC, I))
          A.add(Fr, Map->getBlock(CE));
  }

  // The branches taken on the way that lead to the finding, newest first.
  std::vector<FindingNote> Path;
  const SourceManager &SM = Ctx.sm();
  FileID Main = SM.getMainFileID();
  for (const ExplodedNode *N : PathNodes) {
    auto BE = N->getLocation().getAs<BlockEdge>();
    if (!BE)
      continue;
    const CFGBlock *Src = BE->getSrc();
    const Stmt *Cond = Src->getTerminatorCondition();
    if (!Cond || Src->succ_size() != 2)
      continue;
    const StackFrameContext *Fr = N->getStackFrame();
    if (!A.decides(Fr, Src) && !readsInvolved(Cond, N, I))
      continue;
    // Its own conditions lead to the finding too.
    A.add(Fr, Src);
    // Conditions written in macros (do { } while (0)) say nothing.
    if (!Cond->getBeginLoc().isFileID() ||
        (isa<Expr>(Cond) &&
         isa<IntegerLiteral>(cast<Expr>(Cond)->IgnoreParenImpCasts())))
      continue;
    SourceLocation CL = Cond->getBeginLoc();
    if (SM.getFileID(CL) != Main)
      continue;
    bool TrueBranch = *Src->succ_begin() == BE->getDst();
    std::string Text = sourceText(Ctx.ast(), Cond->getSourceRange());
    if (Text.empty())
      continue;
    if (Text.size() > 60)
      Text = Text.substr(0, 57) + "...";
    Path.push_back({Ctx.pos(CL), "assuming '" + Text + "' is " +
                                     (TrueBranch ? "true" : "false")});
  }
  std::reverse(Path.begin(), Path.end());
  // The check's notes (what and where), then the path in the order taken;
  // a loop's repeated decisions are shown once per run of repeats.
  F.Notes = std::move(Notes);
  // A finding that rests on a summary (a call of another TU's function,
  // at the report or at one of the check's notes) says what that function
  // does and through which call.
  {
    std::vector<FindingNote> Via;
    llvm::SmallPtrSet<const CallExpr *, 4> Cited;
    auto At = [&](const SourcePos &P) {
      return (P.File == F.Loc.File && P.Line == F.Loc.Line) ||
             llvm::any_of(F.Notes, [&](const FindingNote &N) {
               return N.Loc.File == P.File && N.Loc.Line == P.Line;
             });
    };
    for (const ExplodedNode *N : PathNodes) {
      auto SP = N->getLocation().getAs<StmtPoint>();
      const auto *CE = SP ? dyn_cast<CallExpr>(SP->getStmt()) : nullptr;
      if (!CE || !Cited.insert(CE).second)
        continue;
      auto It = CallCache.find(CE);
      if (It == CallCache.end() || !It->second ||
          It->second->Entry->Via.empty())
        continue;
      SourcePos P = Ctx.pos(It->second->NameLoc);
      if (At(P))
        Via.push_back({P, It->second->Entry->Via});
    }
    // In the order the path took, once per function.
    std::reverse(Via.begin(), Via.end());
    std::set<std::string> Said;
    for (FindingNote &N : Via)
      if (Said.insert(N.Message).second)
        F.Notes.push_back(std::move(N));
  }
  std::set<std::pair<unsigned, std::string>> Seen;
  for (FindingNote &N : Path)
    if (Seen.insert({N.Loc.Line, N.Message}).second)
      F.Notes.push_back(std::move(N));
  F.Fixes = std::move(Fixes);
  Ctx.report(std::move(F));
}

} // namespace kmapcheck
