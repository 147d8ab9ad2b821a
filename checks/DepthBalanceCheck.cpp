//===- DepthBalanceCheck.cpp - shared by the *-balance checks -------------===//
//
// Every path leaves the function at the depth it entered with, counting the
// implicit disables of kmap_atomic(); an enable without a disable is a
// report. Enables in TU-local callees count (they are inlined).
//
// False-positive policy: a function called from elsewhere in this TU may
// enable or disable on behalf of its caller (a helper); it is judged through
// its callers, not on its own. Entry points (no caller in the TU) must
// balance, unless they are one half of a pair in this TU (exported
// kernel_fpu_begin_mask() and kernel_fpu_end(), zs_map_object() and
// zs_unmap_object()): on the path judged they only disable (or only
// enable), and a function of the file named as their partner
// (begin/end, lock/unlock, get/put, map/unmap, ...) does the opposite, and
// not the same in its own body.
// The implicit disables and enables of map and unmap calls inside a half do
// not count as the half's own (the mapping checks judge those). A function
// with a sparse context annotation (__acquires/__releases/__must_hold) is
// unbalanced by its contract. A path whose
// effects come from inside a user macro (the per-CPU lock wrappers of
// mm/page_alloc.c, correlated with trylock results the engine cannot see) is
// not judged either.
//
//===----------------------------------------------------------------------===//
#include "checks/DepthBalanceCheck.h"
#include "core/StmtUtils.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"

// The first enable on a path that took the depth below the function's entry
// depth, per counter (keyed by the enable effect): reported at the end of the
// function, and only when the path does not restore the depth it entered
// with. A function called with the counter raised may drop it for a while
// (schedule_preempt_disabled() enables, sleeps and disables again).
REGISTER_MAP_WITH_PROGRAMSTATE(BalanceDipSite, unsigned, unsigned)
// The effects (one bit per Effect) a path has had so far, other than the
// implicit ones of map and unmap calls: a pair half is judged by what its
// path did, not by everything its callees may do on other paths.
REGISTER_TRAIT_WITH_PROGRAMSTATE(BalanceEffectsSeen, unsigned)
// Per disabling effect: the call that took the depth from 0 to 1 on this
// path (its name's raw location), for the report's note.
REGISTER_MAP_WITH_PROGRAMSTATE(BalanceRaiseSite, unsigned, unsigned)

namespace kmapcheck {
using namespace clang;

DepthBalanceCheck::DepthBalanceCheck(const CheckSpec &Spec,
                                     CheckOptions Options, Effect Disable,
                                     Effect Enable, const char *Counter,
                                     int (PathContext::*Depth)() const)
    : PathCheck(Spec, std::move(Options)), Disable(Disable), Enable(Enable),
      Counter(Counter), Depth(Depth) {}

void DepthBalanceCheck::beforeEffect(PathContext &P, const ApiCall &AC,
                                     Effect E, int Depth) {
  if ((E == Enable || E == Disable) && !AC.Entry->Map && !AC.Entry->Unmap) {
    unsigned Seen = P.state()->get<BalanceEffectsSeen>();
    unsigned Bit = 1u << unsigned(E);
    if (!(Seen & Bit))
      P.setState(P.state()->set<BalanceEffectsSeen>(Seen | Bit));
  }
  if (E == Disable && Depth == 0 && !AC.Entry->Map)
    P.setState(P.state()->set<BalanceRaiseSite>(unsigned(Disable),
                                                AC.NameLoc.getRawEncoding()));
  else if (E == Enable && Depth == 1)
    P.setState(P.state()->remove<BalanceRaiseSite>(unsigned(Disable)));
  if (E != Enable || Depth > 0 || !P.topIsEntryPoint() || P.balanceIndirect() ||
      topIsPairHalf(P, Enable))
    return;
  if (P.state()->get<BalanceDipSite>(unsigned(Enable)))
    return;
  P.setState(P.state()->set<BalanceDipSite>(unsigned(Enable),
                                            AC.NameLoc.getRawEncoding()));
}

/// The analysed function only has effect \p Mine on this path (no opposite
/// one, not counting map and unmap calls), and a function of the main file
/// named as its partner (begin/end, lock/unlock, get/put, ...) has the
/// opposite effect and no \p Mine in its own body (a helper it shares may
/// have both, as perf_output_begin()'s error path does): its caller pairs
/// them (kernel_fpu_begin_mask() and kernel_fpu_end()).
/// \p FD is annotated with one of sparse's context annotations
/// (`__acquires(x)`, `__releases(x)`, `__must_hold(x)`) between its name and
/// its body: its imbalance is its contract (seq_file start/stop halves). The
/// annotations expand to nothing outside sparse, so the source text tells.
static bool hasContextAnnotation(PathContext &P, const FunctionDecl *FD) {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  const SourceManager &SM = P.tu().sm();
  SourceLocation From = SM.getExpansionLoc(FD->getLocation());
  SourceLocation To = SM.getExpansionLoc(Body->getBeginLoc());
  if (!SM.isWrittenInSameFile(From, To) ||
      !SM.isBeforeInTranslationUnit(From, To))
    return false;
  std::string Text =
      fileText(P.tu().ast(), CharSourceRange::getCharRange(From, To));
  for (llvm::StringRef A : {"__acquires", "__releases", "__must_hold"})
    if (llvm::StringRef(Text).contains(A))
      return true;
  return false;
}

bool DepthBalanceCheck::topIsPairHalf(PathContext &P, Effect Mine) const {
  if (hasContextAnnotation(P, P.topFunction()))
    return true;
  bool IsRelease =
      Mine == Effect::PreemptEnable || Mine == Effect::PagefaultEnable;
  Effect Other;
  if (Mine == Effect::PreemptEnable || Mine == Effect::PreemptDisable)
    Other = IsRelease ? Effect::PreemptDisable : Effect::PreemptEnable;
  else if (Mine == Effect::PagefaultEnable || Mine == Effect::PagefaultDisable)
    Other = IsRelease ? Effect::PagefaultDisable : Effect::PagefaultEnable;
  else
    return false;
  // __perf_output_begin() enables on its error path only; the path that
  // returns with preemption disabled is the begin half.
  if (P.state()->get<BalanceEffectsSeen>() & (1u << unsigned(Other)))
    return false;
  // The halves are named as pairs are in the kernel: kernel_fpu_begin_mask
  // and kernel_fpu_end, foo_lock and foo_unlock.
  static const llvm::StringRef ReleaseWords[] = {
      "end",    "stop",   "exit",  "put",     "unlock",
      "enable", "finish", "leave", "release", "unmap"};
  static const llvm::StringRef AcquireWords[] = {
      "begin",   "start",   "enter",   "get", "lock",
      "disable", "prepare", "acquire", "map"};
  llvm::ArrayRef<llvm::StringRef> Release(ReleaseWords), Acquire(AcquireWords);
  llvm::ArrayRef<llvm::StringRef> MyWords = IsRelease ? Release : Acquire;
  llvm::ArrayRef<llvm::StringRef> PartnerWords = IsRelease ? Acquire : Release;
  if (!P.topFunction()->getIdentifier())
    return false;
  llvm::StringRef Name = P.topFunction()->getName();
  std::vector<std::pair<std::string, std::string>> Stems; // before, after
  for (llvm::StringRef W : MyWords)
    for (size_t At = Name.find(W); At != llvm::StringRef::npos;
         At = Name.find(W, At + 1)) {
      bool Starts = At == 0 || Name[At - 1] == '_';
      size_t End = At + W.size();
      bool Ends = End == Name.size() || Name[End] == '_';
      if (Starts && Ends)
        Stems.push_back(
            {Name.take_front(At).str(), Name.drop_front(End).str()});
    }
  if (Stems.empty())
    return false;
  // Partner names: the same stem with the opposite word; either may carry a
  // suffix (kernel_fpu_begin_mask for kernel_fpu_end).
  auto IsPartner = [&](llvm::StringRef N) {
    for (const auto &[Before, After] : Stems)
      for (llvm::StringRef W : PartnerWords) {
        if (!N.starts_with(Before + W.str()))
          continue;
        llvm::StringRef Rest = N.drop_front(Before.size() + W.size());
        if (Rest.starts_with(After) || llvm::StringRef(After).starts_with(Rest))
          return true;
      }
    return false;
  };
  const SourceManager &SM = P.tu().sm();
  for (const FunctionDecl *FD : P.tu().index().Functions)
    if (FD != P.topFunction() && FD->getIdentifier() &&
        IsPartner(FD->getName()) && isUserCode(SM, FD->getLocation()) &&
        P.reachesEffect(FD, Other) &&
        !P.reachesEffect(FD, Mine, /*DirectOnly=*/true,
                         /*IgnoreMappings=*/true))
      return true;
  return false;
}
void DepthBalanceCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  int D = (P.*Depth)();
  if (D < 0)
    if (const unsigned *Raw =
            P.state()->get<BalanceDipSite>(unsigned(Enable))) {
      SourceLocation At = SourceLocation::getFromRawEncoding(*Raw);
      std::string Name =
          Lexer::getSourceText(CharSourceRange::getTokenRange(At), P.tu().sm(),
                               P.tu().ast().getLangOpts())
              .str();
      P.involveDepth(Disable);
      P.report(*this, At,
               "'" + Name + "' enables " + Counter +
                   " without a matching disable on this path");
      return;
    }
  if (D <= 0 || !P.topIsEntryPoint() || topIsPairHalf(P, Disable))
    return;
  if (P.balanceIndirect()) {
    // Effects the engine could not see on this path (a call evaluated
    // without its body, a mapping kept in a struct): counted, not guessed.
    P.undecided(*this, RS ? static_cast<const Stmt *>(RS)
                          : P.topFunction()->getBody());
    return;
  }
  SourceLocation At =
      RS ? RS->getBeginLoc()
         : cast<CompoundStmt>(P.topFunction()->getBody())->getRBracLoc();
  std::vector<FindingNote> Notes;
  if (const unsigned *Raw = P.state()->get<BalanceRaiseSite>(unsigned(Disable)))
    Notes.push_back(P.note(SourceLocation::getFromRawEncoding(*Raw),
                           std::string(Counter) + " disabled here"));
  for (const MappingView &M : P.liveLocals())
    if (M.Kind == MapKind::Atomic)
      Notes.push_back(P.note(M.MapSite->getBeginLoc(),
                             "disabled implicitly by the kmap_atomic() of '" +
                                 M.Name + "'"));
  P.involveDepth(Disable);
  P.report(*this, At,
           "'" + P.topFunction()->getNameAsString() + "' returns with " +
               Counter + " disabled on this path (depth " + std::to_string(D) +
               ")",
           std::move(Notes));
}

} // namespace kmapcheck
