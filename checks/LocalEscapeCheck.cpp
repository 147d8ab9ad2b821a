//===- LocalEscapeCheck.cpp - kmap-local-escape ---------------------------===//
//
// A kmap_local_page() or kmap_atomic() address is valid only in the task and
// context that made it: the mapping is an entry of that task's stack of
// local mappings, installed in the CPU's slots only while the task runs
// there (seed 001: a context switch removes the old task's entries and
// installs the new task's). Reported, on a path:
//
// (a) the address stored to a global or to memory reached from a pointer a
//     call without a body returned (and, with the option
//     ReportArgumentMemory, to memory reachable from an argument), and
//     still stored there when the mapping is released and when the
//     function returns. The report stands at the store, with a note at the
//     unmap.
// (b) the address, or an object that holds it (a field of the struct whose
//     work item, timer, RCU head or completion is passed), handed to an API
//     with `hands_off` in rules/api (queue_work*, schedule_work*, call_rcu,
//     kthread_run, tasklets, timers, complete, wake_up, ...): that work runs
//     in another task or context. The report stands at the hand-off, with a
//     note at the unmap (or none when the function returns with the
//     mapping live).
//
// False-positive policy: only mappings made on the analysed path, of the
// kmap_local and kmap_atomic families (a page-table mapping,
// pte_offset_map(), is kept in walk structures between calls by design); a
// store to the function's own variables, or to a caller's variable through
// a pointer an inlined helper was given, is not an escape, nor is a store
// to memory the function allocated itself; a store to memory reachable
// from an argument (often the caller's stack: zlib streams, out-arrays), or
// to memory whose origin the engine lost (a loop's widening), is
// counted in --stats, not reported, unless ReportArgumentMemory; a store that
// is overwritten (cleared) before the unmap, or after it before the function
// returns, is not reported; synchronous callees (memcpy(), TU-local
// helpers, calls without a body that are not hand-offs) are never
// hand-offs. A store whose location a call without a body may have
// rewritten by the function's end is not judged (--stats counts it).
//
//===----------------------------------------------------------------------===//
#include "checks/LocalEscapeCheck.h"
#include "core/StmtUtils.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"

namespace {
/// A mapping's address stored to memory other tasks can reach.
struct EscStore {
  clang::ento::SymbolRef Mapping = nullptr;
  const clang::Stmt *Site = nullptr;
  /// Set at the unmap when the address was still stored there.
  const clang::Expr *Unmap = nullptr;
  bool operator==(const EscStore &O) const {
    return Mapping == O.Mapping && Site == O.Site && Unmap == O.Unmap;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Mapping);
    ID.AddPointer(Site);
    ID.AddPointer(Unmap);
  }
};

/// A mapping handed to deferred or concurrent work, not yet reported.
struct HandOff {
  const clang::CallExpr *Call = nullptr;
  const kmapcheck::ApiEntry *Entry = nullptr;
  /// The argument pointing into the object that holds the address (null:
  /// the address itself is handed on).
  const clang::Expr *Holder = nullptr;
  clang::SourceLocation::UIntTy NameLoc = 0; // the call's name
  bool operator==(const HandOff &O) const {
    return Call == O.Call && Entry == O.Entry && Holder == O.Holder &&
           NameLoc == O.NameLoc;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Call);
    ID.AddPointer(Entry);
    ID.AddPointer(Holder);
    ID.AddInteger(NameLoc);
  }
};
} // namespace

// Stores of local mappings' addresses to visible memory, by location.
REGISTER_MAP_WITH_PROGRAMSTATE(EscStores, const clang::ento::MemRegion *,
                               EscStore)
// Hand-offs of live local mappings, by mapping.
REGISTER_MAP_WITH_PROGRAMSTATE(EscHandOffs, clang::ento::SymbolRef, HandOff)
// Mappings whose hand-off was reported on this path (their stores are not
// reported again).
REGISTER_SET_WITH_PROGRAMSTATE(EscHandOffReported, clang::ento::SymbolRef)

namespace kmapcheck {
using namespace clang;
using namespace clang::ento;

LocalEscapeCheck::LocalEscapeCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)),
      ReportArgumentMemory(option("ReportArgumentMemory") == "true") {}

/// A live mapping of the kmap_local or kmap_atomic family.
static bool escapable(const std::optional<MappingView> &M) {
  return M && !M->Released && M->Kind != MapKind::Global && M->Entry &&
         !llvm::StringRef(M->Entry->Name).starts_with("pte_");
}

/// Where a store to \p R lands: a global (other tasks see it), memory the
/// function allocated itself (a callee whose name contains "alloc": its
/// own until published), the stack (its own or a caller's), or other memory
/// reachable from an argument or a pointer a call returned (which may be
/// the caller's stack: whether other tasks see it, the engine cannot tell).
enum class Lands { Stack, Global, OwnHeap, Returned, Reachable };

/// The symbol a chain of loads starts from: `a->b->c` read from argument
/// `a` ends at `a`'s value, read from `lookup()->b` at lookup()'s result.
static SymbolRef rootSymbol(SymbolRef S) {
  for (unsigned Steps = 0; S && Steps < 16; ++Steps) {
    const MemRegion *From = nullptr;
    if (const auto *RV = dyn_cast<SymbolRegionValue>(S))
      From = RV->getRegion();
    else if (const auto *D = dyn_cast<SymbolDerived>(S))
      From = D->getRegion();
    const auto *SR =
        From ? dyn_cast<SymbolicRegion>(From->getBaseRegion()) : nullptr;
    if (!SR)
      return S;
    S = SR->getSymbol();
  }
  return S;
}

static Lands landsIn(const MemRegion *R) {
  if (!R)
    return Lands::Stack;
  const MemRegion *B = R->getBaseRegion();
  const MemSpaceRegion *MS = B->getMemorySpace();
  if (isa<GlobalsSpaceRegion>(MS))
    return Lands::Global;
  if (!isa<HeapSpaceRegion, UnknownSpaceRegion>(MS))
    return Lands::Stack;
  if (const auto *SR = dyn_cast<SymbolicRegion>(B)) {
    if (const auto *SC = dyn_cast<SymbolConjured>(SR->getSymbol()))
      if (const auto *CE = dyn_cast_or_null<CallExpr>(SC->getStmt()))
        if (const FunctionDecl *FD = CE->getDirectCallee())
          if (FD->getName().contains("alloc"))
            return Lands::OwnHeap;
    // Reached from what a call without a body returned (a lookup of a
    // shared object: irdma_get_qp()), not from an argument: not the
    // caller's stack.
    if (const auto *SC = dyn_cast<SymbolConjured>(rootSymbol(SR->getSymbol())))
      if (const auto *CE = dyn_cast_or_null<CallExpr>(SC->getStmt()))
        if (const FunctionDecl *FD = CE->getDirectCallee())
          if (!FD->getName().contains("alloc"))
            return Lands::Returned;
  }
  return Lands::Reachable;
}

/// The lvalue written by \p S, as written, or the region's name.
static std::string storedTo(PathContext &P, const Stmt *S, const MemRegion *R) {
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S))
    if (BO->isAssignmentOp())
      return P.exprText(BO->getLHS());
  std::string N = R ? R->getDescriptiveName(/*UseQuotes=*/false) : "";
  return N.empty() ? "memory" : N;
}

void LocalEscapeCheck::onBind(PathContext &P, SVal Loc, SVal Val,
                              const Stmt *S) {
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return;
  ProgramStateRef St = P.state();
  std::optional<MappingView> M = P.mappingOf(Val);
  // Overwritten: the address is no longer stored there.
  if (const EscStore *Old = St->get<EscStores>(R))
    if (!M || M->Id != Old->Mapping)
      St = St->remove<EscStores>(R);
  if (escapable(M)) {
    Lands L = landsIn(R);
    if (L == Lands::Global || L == Lands::Returned ||
        (L == Lands::Reachable && ReportArgumentMemory))
      St = St->set<EscStores>(R, EscStore{M->Id, S, nullptr});
    else if (L == Lands::Reachable)
      P.undecided(*this, S);
  }
  if (St != P.state())
    P.setState(St);
}

namespace {
/// Finds the bindings inside one object that hold a live local mapping.
class HolderFinder : public StoreManager::BindingsHandler {
public:
  HolderFinder(PathContext &P, const MemRegion *Base) : P(P), Base(Base) {}
  bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                     SVal Val) override {
    if (R->getBaseRegion() != Base)
      return true;
    std::optional<MappingView> M = P.mappingOf(Val);
    if (escapable(M))
      Found.push_back({R, *M});
    return true;
  }
  std::vector<std::pair<const MemRegion *, MappingView>> Found;

private:
  PathContext &P;
  const MemRegion *Base;
};
} // namespace

void LocalEscapeCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                  const CallEvent &Call) {
  if (AC.Entry->HandsOff.empty())
    return;
  ProgramStateRef St = P.state();
  for (unsigned I : AC.Entry->HandsOff) {
    if (I >= Call.getNumArgs())
      continue;
    SVal V = Call.getArgSVal(I);
    std::vector<MappingView> Handed;
    const Expr *Holder = nullptr;
    std::optional<MappingView> Direct = P.mappingOf(V);
    if (escapable(Direct)) {
      Handed.push_back(*Direct);
    } else if (const MemRegion *R = V.getAsRegion()) {
      // The object the argument points into (the struct around the work
      // item) holds the address.
      HolderFinder F(P, R->getBaseRegion());
      St->getStateManager().getStoreManager().iterBindings(St->getStore(), F);
      for (auto &KV : F.Found)
        Handed.push_back(KV.second);
      Holder = Call.getArgExpr(I);
    }
    for (const MappingView &M : Handed)
      if (!St->get<EscHandOffs>(M.Id))
        St = St->set<EscHandOffs>(M.Id, HandOff{AC.Call, AC.Entry, Holder,
                                                AC.NameLoc.getRawEncoding()});
  }
  if (St != P.state())
    P.setState(St);
}

/// Reports the hand-off \p H of \p M; \p Unmap is where M is released (or
/// null when the function returns with it live).
static void reportHandOff(const Check &Ch, PathContext &P, const MappingView &M,
                          const HandOff &H, const Expr *Unmap) {
  std::string Callee = H.Entry->Name + "()";
  std::string Msg;
  if (H.Holder)
    Msg = "'" + P.exprText(H.Holder) + "' is handed to " + Callee +
          " and the object it points into holds the address of local "
          "mapping '" +
          M.Name + "'";
  else
    Msg =
        "the address of local mapping '" + M.Name + "' is handed to " + Callee;
  Msg += "; that work runs in another task or context, where a local "
         "mapping is not valid";
  std::vector<FindingNote> Notes{P.createdNote(M)};
  if (Unmap)
    Notes.push_back(
        P.note(Unmap->getBeginLoc(), "'" + M.Name + "' released here"));
  P.involve(M);
  P.report(Ch, SourceLocation::getFromRawEncoding(H.NameLoc), Msg,
           std::move(Notes));
}

void LocalEscapeCheck::beforeUnmap(PathContext &P, const ApiCall &AC,
                                   const UnmapTarget &T) {
  if (!T.Mapping || T.Mapping->Released)
    return;
  const MappingView &M = *T.Mapping;
  ProgramStateRef St = P.state();
  if (const HandOff *H = St->get<EscHandOffs>(M.Id)) {
    HandOff Copy = *H;
    St = St->remove<EscHandOffs>(M.Id)->add<EscHandOffReported>(M.Id);
    P.setState(St);
    reportHandOff(*this, P, M, Copy, AC.Call);
    return;
  }
  if (St->contains<EscHandOffReported>(M.Id))
    return;
  for (auto &KV : St->get<EscStores>()) {
    if (KV.second.Mapping != M.Id || KV.second.Unmap)
      continue;
    // Still stored there at the unmap?
    SVal Cur = St->getSVal(loc::MemRegionVal(KV.first));
    if (baseSymbol(Cur) != M.Id)
      continue;
    EscStore N = KV.second;
    N.Unmap = AC.Call;
    St = St->set<EscStores>(KV.first, N);
  }
  if (St != P.state())
    P.setState(St);
}

void LocalEscapeCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  ProgramStateRef St = P.state();
  for (auto &KV : St->get<EscStores>()) {
    const EscStore &E = KV.second;
    if (!E.Unmap)
      continue;
    std::optional<MappingView> M;
    for (const MappingView &X : P.allMappings())
      if (X.Id == E.Mapping)
        M = X;
    if (!M)
      continue;
    // A call without a body may have rewritten the location since.
    SVal Cur = St->getSVal(loc::MemRegionVal(KV.first));
    if (baseSymbol(Cur) != E.Mapping && madeUpByEngine(Cur)) {
      P.undecided(*this, E.Site);
      continue;
    }
    std::vector<FindingNote> Notes{
        P.createdNote(*M),
        P.note(E.Unmap->getBeginLoc(),
               "'" + M->Name +
                   "' released here while its address is still "
                   "stored there")};
    P.involve(*M);
    P.report(*this, E.Site->getBeginLoc(),
             "the address of local mapping '" + M->Name + "' is stored to '" +
                 storedTo(P, E.Site, KV.first) + "' (" +
                 (landsIn(KV.first) == Lands::Global
                      ? "a global"
                      : "memory reachable from an argument or the heap") +
                 "), where other tasks can see it, and is left there when "
                 "the mapping is released; a local mapping is valid only in "
                 "the task that made it",
             std::move(Notes));
  }
  for (auto &KV : St->get<EscHandOffs>()) {
    for (const MappingView &X : P.allMappings())
      if (X.Id == KV.first) {
        reportHandOff(*this, P, X, KV.second, nullptr);
        break;
      }
  }
}

} // namespace kmapcheck
