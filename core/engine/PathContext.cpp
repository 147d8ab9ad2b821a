//===- PathContext.cpp - What a path check sees of a path -----------------===//
#include "core/engine/EngineChecker.h"

using namespace clang;
using namespace clang::ento;

namespace kmapcheck {

PathContext::PathContext(PathEngine &E, CheckerContext &C, ProgramStateRef St)
    : E(E), C(C), State(std::move(St)) {}
PathContext::~PathContext() = default;

ProgramStateRef PathContext::state() const { return State; }
void PathContext::setState(ProgramStateRef S) { State = std::move(S); }

std::vector<MappingView> PathContext::liveLocals() const {
  std::vector<MappingView> Out;
  for (SymbolRef S : State->get<LocalStack>())
    if (const Mapping *M = State->get<Mappings>(S))
      Out.push_back(E.view(S, *M));
  return Out;
}

std::vector<MappingView> PathContext::heldKmaps() const {
  std::vector<MappingView> Out;
  for (auto &KV : State->get<Mappings>())
    if (KV.second.Kind == MapKind::Global && !KV.second.Released &&
        !KV.second.Unsure)
      Out.push_back(E.view(KV.first, KV.second));
  // Deterministic order: the order of creation on this path.
  std::sort(
      Out.begin(), Out.end(),
      [](const MappingView &A, const MappingView &B) { return A.Seq < B.Seq; });
  return Out;
}

std::vector<MappingView> PathContext::allMappings() const {
  std::vector<MappingView> Out;
  for (auto &KV : State->get<Mappings>())
    Out.push_back(E.view(KV.first, KV.second));
  // Deterministic order: by map site position, then order of creation.
  std::sort(Out.begin(), Out.end(),
            [&](const MappingView &A, const MappingView &B) {
              SourcePos PA = E.Ctx.pos(A.MapSite->getBeginLoc());
              SourcePos PB = E.Ctx.pos(B.MapSite->getBeginLoc());
              if (PA < PB || PB < PA)
                return PA < PB;
              return A.Seq < B.Seq;
            });
  return Out;
}

bool PathContext::inAtomicContext() const {
  for (const MappingView &M : liveLocals())
    if (M.Kind == MapKind::Atomic)
      return true;
  for (const LockView &L : heldLocks())
    if (!L.Sleeping)
      return true;
  return irqOffDepth() > 0 || preemptDepth() > 0 || pagefaultDepth() > 0;
}

std::optional<bool> PathContext::callSleeps(const ApiCall &AC,
                                            const CallEvent &Call,
                                            bool CountUnknown) const {
  const ApiEntry &Ent = *AC.Entry;
  if (Ent.MightSleep)
    return true;
  if (Ent.SleepGfpArg < 0)
    return false;
  if (unsigned(Ent.SleepGfpArg) >= Call.getNumArgs() || !E.GfpSleepBit)
    return false;
  SVal Flags =
      State->getSVal(Call.getArgExpr(Ent.SleepGfpArg), C.getLocationContext());
  if (const llvm::APSInt *V = C.getSValBuilder().getKnownValue(State, Flags))
    return (V->getZExtValue() & E.GfpSleepBit) != 0;
  if (CountUnknown)
    E.UnknownGfpCalls.insert(AC.Call);
  return std::nullopt;
}

EscapeSite PathContext::escapeSite(const MappingView &M,
                                   const Stmt *Site) const {
  EscapeSite Out;
  Out.Store = Site;
  const StackFrameContext *SF = C.getStackFrame();
  if (SF->getDecl() == M.Fn)
    return Out;
  Out.Callee = dyn_cast<FunctionDecl>(SF->getDecl());
  while (SF->getParent() && SF->getParent()->getStackFrame()->getDecl() != M.Fn)
    SF = SF->getParent()->getStackFrame();
  Out.CallSite = dyn_cast_or_null<Expr>(SF->getCallSite());
  return Out;
}

int PathContext::pagefaultDepth() const { return State->get<PagefaultDepth>(); }
int PathContext::preemptDepth() const { return State->get<PreemptDepth>(); }
int PathContext::irqOffDepth() const { return State->get<IrqOffDepth>(); }

std::vector<LockView> PathContext::heldLocks() const {
  std::vector<LockView> Out;
  for (auto &KV : State->get<HeldLocks>())
    if (!KV.second.Unknown) // never a report on a lock not known
      Out.push_back(E.lockView(KV.first, KV.second));
  // Deterministic order (the state orders locks by address): by where they
  // were taken, then by name.
  std::sort(Out.begin(), Out.end(), [&](const LockView &A, const LockView &B) {
    SourcePos PA = A.Site ? E.Ctx.pos(A.Site->getBeginLoc()) : SourcePos();
    SourcePos PB = B.Site ? E.Ctx.pos(B.Site->getBeginLoc()) : SourcePos();
    if (PA < PB || PB < PA)
      return PA < PB;
    return A.Name < B.Name;
  });
  return Out;
}

std::optional<MappingView> PathContext::mappingOf(SVal V) const {
  if (SymbolRef S = baseSymbol(V))
    if (const Mapping *M = State->get<Mappings>(S))
      return E.view(S, *M);
  return std::nullopt;
}

bool PathContext::inTopFrame() const { return C.inTopFrame(); }
bool PathContext::balanceIndirect() const {
  return State->get<BalanceIndirect>();
}
bool PathContext::topIsEntryPoint() const { return !E.calledInTU(E.Top); }
const FunctionDecl *PathContext::topFunction() const { return E.Top; }
bool PathContext::reachesEffect(const FunctionDecl *FD, Effect Ef,
                                bool DirectOnly, bool IgnoreMappings) const {
  return E.reachesEffect(FD, Ef, DirectOnly, IgnoreMappings);
}

std::optional<SourceLocation>
PathContext::takenWithIrqsOffAt(const NamedDecl *D) const {
  auto It = E.IrqOffSites.find(D);
  if (It == E.IrqOffSites.end())
    return std::nullopt;
  return It->second;
}
std::string PathContext::exprText(const Expr *X) const { return E.exprText(X); }
TUContext &PathContext::tu() const { return E.Ctx; }
const ApiModel &PathContext::api() const { return E.Ctx.api(); }

void PathContext::involve(const MappingView &M) {
  Next.Mappings.push_back(M.Id);
}
void PathContext::involve(const LockView &L) {
  Next.Locks.push_back(L.Id.engineKey());
}
void PathContext::involveDepth(Effect Ef) { Next.Depths.push_back(Ef); }

void PathContext::report(const Check &Ch, SourceLocation Loc,
                         std::string Message, std::vector<FindingNote> Notes,
                         std::vector<Replacement> Fixes) {
  Involved What = std::move(Next);
  Next = Involved();
  E.report(C, State, Ch, Loc, std::move(Message), std::move(Notes),
           std::move(Fixes), What);
}

void PathContext::undecided(const Check &Ch, const Stmt *S) {
  E.Undecided[Ch.id()].insert(S);
}

FindingNote PathContext::note(SourceLocation Loc, std::string Message) const {
  return {E.Ctx.pos(Loc), std::move(Message)};
}

FindingNote PathContext::createdNote(const MappingView &M) const {
  return note(M.MapSite->getBeginLoc(),
              "mapping of '" + M.Name + "' created here");
}

} // namespace kmapcheck
