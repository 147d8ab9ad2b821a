//===- PathEngine.h - Path-sensitive checks on the Static Analyzer -*- C++
//-*-=//
//
// The path-sensitive checks run on the Clang Static Analyzer engine
// (ExprEngine, ProgramState, the constraint manager), driven per function by
// kmapcheck: only functions of the main file that reach a modeled call are
// analysed, TU-local callees are inlined, modeled functions never are (their
// effects come from rules/api/*.yaml, applied in evalCall), and the work per
// function is bounded; a function whose analysis hit the bound is counted.
//
// Per-path state (the task's local-mapping stack, held kmap() mappings,
// page-fault and preemption depths, IRQ state, held locks) lives in small
// immutable ProgramState traits inside PathEngine.cpp. Checks see it through
// PathContext and react to events (PathCheck below); they never print.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ENGINE_PATHENGINE_H
#define KMAPCHECK_CORE_ENGINE_PATHENGINE_H

#include "core/ApiCallResolver.h"
#include "core/Check.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
class CompilerInstance;
namespace ento {
class CheckerContext;
class CallEvent;
} // namespace ento
} // namespace clang

namespace kmapcheck {

class PathEngine;

/// A mapping as a check sees it.
struct MappingView {
  const void *Id = nullptr; // the address symbol
  MapKind Kind = MapKind::Local;
  const ApiEntry *Entry = nullptr; // the map API
  const clang::Expr *MapSite = nullptr;
  std::string Name; // the variable holding it, or the call text
  bool Released = false;
  bool Escaped = false;
  const clang::Expr *UnmapSite = nullptr;
  const void *Page = nullptr; // the page it maps, when known
};

struct LockView {
  const void *Id = nullptr;
  std::string Name;
  const clang::Expr *Site = nullptr;
  bool IrqOff = false;
  bool Sleeping = false;                  // a mutex or rwsem (mmap_lock)
  const clang::NamedDecl *Decl = nullptr; // the lock's variable or field
};

/// A value or branch decision computed from lock-guarded data before the lock
/// was dropped and re-taken, relied on after the re-take.
struct StaleGuardedUse {
  std::string Lock; // kmap_lock
  std::string What; // page_address(page), pkmap_count
  const clang::Expr *ReadSite = nullptr;
  const clang::Stmt *BranchSite = nullptr; // the decision, when one was taken
  const clang::Expr *ReleaseSite = nullptr;
  const clang::Expr *ReacquireSite = nullptr;
  std::string
      DropChain; // "flush_all_zero_pkmaps (called from map_new_virtual)"
  const clang::Stmt *UseSite = nullptr;
  std::string Use; // "set_page_address()", "store to pkmap_count"
};

/// The target of an unmap call.
struct UnmapTarget {
  std::optional<MappingView> Mapping; // the mapping the argument points into
  bool OffsetKnown = false;
  int64_t Offset = 0; // bytes from the mapping's start
  bool ArgIsPagePointer =
      false; // a struct page * given where an address is expected
  bool ArgIsLocalObject = false; // the address of a variable, not a mapping
  const void *Page = nullptr;    // for kunmap(page)
  bool Widened = false; // the address was lost to loop widening; Mapping is
                        // the most recent live one, assumed
};

/// What a path check sees at an event, on one path.
class PathContext {
public:
  PathContext(PathEngine &E, clang::ento::CheckerContext &C,
              const void *State = nullptr)
      : E(E), C(C), State(State) {}

  /// Live local and atomic mappings, most recent first.
  std::vector<MappingView> liveLocals() const;
  /// Live kmap() mappings.
  std::vector<MappingView> heldKmaps() const;
  /// Every mapping created on this path (live or released).
  std::vector<MappingView> allMappings() const;
  int pagefaultDepth() const;
  int preemptDepth() const;
  int irqOffDepth() const;
  std::vector<LockView> heldLocks() const;
  std::optional<MappingView> mappingOf(clang::ento::SVal V) const;
  /// The analysis is at the end of the function it started in.
  bool inTopFrame() const;
  /// A page-fault or preemption effect on this path came from inside a user
  /// macro; balance is then not judged.
  bool balanceIndirect() const;
  /// The top-level function is called by no function of this TU: it must
  /// be balanced on its own.
  bool topIsEntryPoint() const;
  /// The analysed function is one half of a pair of this TU
  /// (kernel_fpu_begin_mask()/kernel_fpu_end()): it has effect \p Mine and
  /// nothing it calls in this TU has the opposite one, while a function of
  /// the main file named as its partner (begin/end, lock/unlock, get/put)
  /// has the opposite effect and never \p Mine. Its caller pairs them.
  bool topIsPairHalf(Effect Mine) const;
  const clang::FunctionDecl *topFunction() const;
  /// The declaration of lock \p Name in rules/locks/, or null.
  const LockDecl *declaredLock(llvm::StringRef Name) const;
  /// Where this TU takes the lock declared by \p D with IRQs disabled.
  std::optional<clang::SourceLocation>
  takenWithIrqsOffAt(const clang::NamedDecl *D) const;
  TUContext &tu() const;
  const ApiModel &api() const;

  /// Reports a finding of \p Ch at \p Loc, with the path to it as notes
  /// ("assuming ... is true") followed by \p Notes.
  void report(const Check &Ch, clang::SourceLocation Loc, std::string Message,
              std::vector<FindingNote> Notes = {},
              std::vector<Replacement> Fixes = {});
  FindingNote note(clang::SourceLocation Loc, std::string Message) const;
  /// "mapping of 'p' created here"
  FindingNote createdNote(const MappingView &M) const;

  clang::ento::CheckerContext &checker() const { return C; }

private:
  PathEngine &E;
  clang::ento::CheckerContext &C;
  const void *State; // a ProgramState newer than C's, or null
};

/// A check that runs on the path-sensitive engine. The engine calls the
/// hooks on every path; run() does nothing.
class PathCheck : public Check {
public:
  using Check::Check;
  void run(TUContext &) override {}
  PathCheck *asPathCheck() override { return this; }

  /// A modeled call, before its effects apply.
  virtual void beforeCall(PathContext &P, const ApiCall &AC,
                          const clang::ento::CallEvent &Call) {}
  /// A map, after the mapping was created.
  virtual void afterMap(PathContext &P, const ApiCall &AC,
                        const MappingView &M) {}
  /// An unmap, before it takes effect.
  virtual void beforeUnmap(PathContext &P, const ApiCall &AC,
                           const UnmapTarget &T) {}
  /// An enable effect (pagefault_enable, preempt_enable) that would take the
  /// depth below zero.
  virtual void onUnderflow(PathContext &P, const ApiCall &AC, Effect E) {}
  /// A load or store through an address of a released mapping.
  virtual void onAccessAfterUnmap(PathContext &P, const MappingView &M,
                                  const clang::Stmt *S) {}
  /// Guarded data read before a drop and re-take of its lock is relied on.
  virtual void onStaleGuardedUse(PathContext &P, const StaleGuardedUse &U) {}
  /// The end of a function on a path (the top frame only).
  virtual void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) {}
};

struct PathStats {
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsSkipped = 0;     // reach no modeled call
  std::vector<std::string> BoundHit; // functions whose analysis was cut
};

/// Runs \p Checks on every function of the main file that reaches a modeled
/// call, and records the path facts of TUContext (conversionOrderFacts).
/// With no checks and \p WantFacts, only the functions that call kmap() are
/// analysed, for the facts alone.
void runPathChecks(TUContext &Ctx, clang::CompilerInstance &CI,
                   const std::vector<PathCheck *> &Checks, PathStats &Stats,
                   bool WantFacts = false);

} // namespace kmapcheck

#endif
