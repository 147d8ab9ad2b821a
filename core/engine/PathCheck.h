//===- PathCheck.h - What a path-sensitive check sees -----------*- C++ -*-===//
//
// A path-sensitive check reacts to the engine's events on every path, as a
// Static Analyzer checker does: modeled calls (before, after, maps, unmaps,
// depth effects, lock acquire and release), binds, loads and stores,
// branches, escapes of a mapping's address, and the end of the analysed
// function. Each hook gets a PathContext: the path state through views of
// the engine's model (mappings, locks, depths), the state itself for the
// check's own traits (register them in the check's .cpp with
// REGISTER_*_WITH_PROGRAMSTATE and update them with setState()), and report().
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ENGINE_PATHCHECK_H
#define KMAPCHECK_CORE_ENGINE_PATHCHECK_H

#include "core/ApiCallResolver.h"
#include "core/Check.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState_Fwd.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace ento {
class CheckerContext;
class CallEvent;
} // namespace ento
} // namespace clang

namespace kmapcheck {

class PathEngine;

/// What the engine identifies an object by on a path: its memory region,
/// symbol or interned model name. Only compared, never dereferenced; \p Tag
/// keeps the identities of different kinds of object (a page, a lock) from
/// being compared with each other. Built from the engine's key.
template <typename Tag> class PathId {
public:
  PathId() = default;
  PathId(std::nullptr_t) {}
  PathId(const void *EngineKey) : Key(EngineKey) {}
  explicit operator bool() const { return Key != nullptr; }
  /// The engine's key, for the engine's own look-ups (PathReporter).
  const void *engineKey() const { return Key; }
  friend bool operator==(PathId A, PathId B) { return A.Key == B.Key; }
  friend bool operator!=(PathId A, PathId B) { return A.Key != B.Key; }

private:
  const void *Key = nullptr;
};
/// A page (the object a map's page argument points to).
using PageId = PathId<struct PageIdTag>;
/// A lock: its region, or its interned name when the model names it.
using LockId = PathId<struct LockIdTag>;

/// A mapping as a check sees it.
struct MappingView {
  clang::ento::SymbolRef Id = nullptr; // the address symbol
  MapKind Kind = MapKind::Local;
  const ApiEntry *Entry = nullptr; // the map API
  const clang::Expr *MapSite = nullptr;
  std::string Name; // the variable holding it, or the call text
  bool Released = false;
  bool Escaped = false;
  const clang::Expr *UnmapSite = nullptr;
  PageId Page; // the page it maps, if known
  /// Creation order on this path, and (kmap() only) how many local mappings
  /// were live when it was made.
  unsigned Seq = 0;
  unsigned LocalsBelow = 0;
  const clang::Decl *Fn = nullptr; // the function that made it
};

struct LockView {
  LockId Id;
  std::string Name;
  const clang::Expr *Site = nullptr;
  bool IrqOff = false;
  bool Sleeping = false;                  // a mutex or rwsem
  const clang::NamedDecl *Decl = nullptr; // the lock's variable or field
};

/// The target of an unmap call.
struct UnmapTarget {
  std::optional<MappingView> Mapping; // the mapping the argument points into
  bool OffsetKnown = false;
  int64_t Offset = 0; // bytes from the mapping's start
  bool ArgIsPagePointer =
      false; // a struct page * given where an address is expected
  bool ArgIsLocalObject = false; // the address of a variable, not a mapping
  PageId Page;                   // for kunmap(page)
  /// A symbolic offset (base + off, a cursor a callee advanced): its largest
  /// value on this path, when every part of it has a known bound
  /// (CursorModel.cpp); unset when the engine cannot tell.
  std::optional<int64_t> MaxOffset;
  /// Where the cursor given to the unmap last moved forward: a callee that
  /// advances it (its rules/api 'advances' entry) or an increment in a body
  /// the engine followed; the note says how.
  const clang::Stmt *MovedAt = nullptr;
  std::string MovedBy;   // "zlib_inflate()", "emit()", or "" (this function)
  std::string MovedNote; // "zlib_inflate() advances 's.next_out' by up to ..."
};

/// Where a mapping's address left its function on a path: the store (or
/// return), and, when that is inside a TU-local function the mapping's
/// function called, that callee and the call in the mapping's function that
/// led there.
struct EscapeSite {
  const clang::Stmt *Store = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  const clang::Expr *CallSite = nullptr;
};

/// What a finding is about: the mappings, locks and depths whose liveness
/// it concerns. The path shown with it keeps only the branches that decide
/// whether they are live where it is reported (PathReporter.cpp), as the
/// Static Analyzer keeps the conditions its interesting values depend on.
struct Involved {
  std::vector<clang::ento::SymbolRef> Mappings; // MappingView::Id
  std::vector<const void *> Locks;              // LockView::Id.engineKey()
  std::vector<Effect> Depths; // a page-fault, preemption or IRQ effect
};

/// The symbol a pointer value is based on (a + off, (char *)a).
clang::ento::SymbolRef baseSymbol(clang::ento::SVal V);
/// A value the engine made up: unknown, or based on a symbol that a call
/// without a body or forgotten memory produced. A check that meets one
/// cannot tell what it is and stays silent.
bool madeUpByEngine(clang::ento::SVal V);
/// A key for "the same page" (or any pointed-to object): its region or
/// symbol.
const void *pageKey(clang::ento::SVal V);

/// What a path check sees at an event, on one path.
class PathContext {
public:
  PathContext(PathEngine &E, clang::ento::CheckerContext &C,
              clang::ento::ProgramStateRef State);
  ~PathContext();

  /// The path state at this event, with the changes of the checks that ran
  /// before (setState()).
  clang::ento::ProgramStateRef state() const;
  /// Replaces the path state: the engine continues from it.
  void setState(clang::ento::ProgramStateRef S);

  /// Live local and atomic mappings, most recent first.
  std::vector<MappingView> liveLocals() const;
  /// Live kmap() mappings, not those an unmap the engine could not tell
  /// may have released.
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
  /// macro, or a mapping's implicit disables left with an iterator; balance
  /// is then not judged.
  bool balanceIndirect() const;
  /// The top-level function is called by no function of this TU: it must
  /// be balanced on its own.
  bool topIsEntryPoint() const;
  const clang::FunctionDecl *topFunction() const;
  /// Does \p FD, or (unless \p DirectOnly) a TU-local function it calls,
  /// call a modeled API with effect \p Ef? With \p IgnoreMappings, the
  /// implicit effects of map and unmap APIs (kmap_atomic() disables page
  /// faults) do not count: they pair with each other, and the mapping
  /// checks judge them.
  bool reachesEffect(const clang::FunctionDecl *FD, Effect Ef,
                     bool DirectOnly = false,
                     bool IgnoreMappings = false) const;
  /// Whether the modeled call \p AC sleeps on this path: always for a
  /// might_sleep entry; for a might_sleep_if entry, when its GFP flags
  /// argument has the direct-reclaim bit. std::nullopt when the flags are
  /// not a constant on this path (the call is then counted in --stats when
  /// \p CountUnknown).
  std::optional<bool> callSleeps(const ApiCall &AC,
                                 const clang::ento::CallEvent &Call,
                                 bool CountUnknown = true) const;
  /// The path is in atomic context: a kmap_atomic() section, a spinlock
  /// held, IRQs, preemption or page faults disabled.
  bool inAtomicContext() const;
  /// Where this TU takes the lock declared by \p D with IRQs disabled.
  std::optional<clang::SourceLocation>
  takenWithIrqsOffAt(const clang::NamedDecl *D) const;
  /// Where the address of \p M escaped, at the escape at \p Site this path
  /// is at (onEscape()).
  EscapeSite escapeSite(const MappingView &M, const clang::Stmt *Site) const;
  /// The source text of \p E ("..." when it has none).
  std::string exprText(const clang::Expr *E) const;
  TUContext &tu() const;
  const ApiModel &api() const;

  /// The next report is about mapping \p M, lock \p L, or the depth that
  /// effect \p Ef changes: its path keeps the branches that decide whether
  /// they are live. Without any, it keeps those that decide whether the
  /// report's statement is reached.
  void involve(const MappingView &M);
  void involve(const LockView &L);
  void involveDepth(Effect Ef);

  /// Reports a finding of \p Ch at \p Loc, with \p Notes followed by the
  /// path to it ("assuming ... is true"): the branches that lead to it.
  void report(const Check &Ch, clang::SourceLocation Loc, std::string Message,
              std::vector<FindingNote> Notes = {},
              std::vector<Replacement> Fixes = {});
  FindingNote note(clang::SourceLocation Loc, std::string Message) const;
  /// \p Ch could not judge \p S on this path and stays silent there:
  /// counted in --stats.
  void undecided(const Check &Ch, const clang::Stmt *S);
  /// "mapping of 'p' created here"
  FindingNote createdNote(const MappingView &M) const;

  clang::ento::CheckerContext &checker() const { return C; }

private:
  PathEngine &E;
  clang::ento::CheckerContext &C;
  clang::ento::ProgramStateRef State;
  Involved Next; // what the next report is about
};

/// A check that runs on the path-sensitive engine. The engine calls the
/// hooks on every path; run() runs after the engine, on the whole TU.
class PathCheck : public Check {
public:
  using Check::Check;
  void run(TUContext &) override {}
  PathCheck *asPathCheck() override { return this; }

  /// The functions this check needs analysed: all that reach a modeled
  /// effect (the default), or only those that call a map of one kind.
  virtual std::optional<MapKind> onlyFunctionsMapping() const {
    return std::nullopt;
  }

  /// A modeled call, before its effects apply.
  virtual void beforeCall(PathContext &P, const ApiCall &AC,
                          const clang::ento::CallEvent &Call) {}
  /// A call of a function without a body in this TU whose summary says it
  /// may sleep (AC.Summary: through which calls); the engine evaluates the
  /// call as any opaque call afterwards.
  virtual void beforeSummarizedCall(PathContext &P, const ApiCall &AC,
                                    const clang::ento::CallEvent &Call) {}
  /// A modeled call, after its effects applied; \p Ret is its value.
  virtual void afterCall(PathContext &P, const ApiCall &AC,
                         const clang::ento::CallEvent &Call,
                         clang::ento::SVal Ret) {}
  /// A map, after the mapping was created.
  virtual void afterMap(PathContext &P, const ApiCall &AC,
                        const MappingView &M) {}
  /// An unmap, before it takes effect.
  virtual void beforeUnmap(PathContext &P, const ApiCall &AC,
                           const UnmapTarget &T) {}
  /// A page-fault, preemption or IRQ effect about to apply; \p Depth is the
  /// counter's value before it.
  virtual void beforeEffect(PathContext &P, const ApiCall &AC, Effect E,
                            int Depth) {}
  /// A lock was taken (the state holds it).
  virtual void afterLockAcquire(PathContext &P, const ApiCall &AC,
                                const LockView &L) {}
  /// A held lock is about to be released.
  virtual void beforeLockRelease(PathContext &P, const ApiCall &AC,
                                 const LockView &L) {}
  /// \p Val is about to be bound to location \p Loc by \p S.
  virtual void onBind(PathContext &P, clang::ento::SVal Loc,
                      clang::ento::SVal Val, const clang::Stmt *S) {}
  /// A load or store through \p Loc.
  virtual void onLocation(PathContext &P, clang::ento::SVal Loc, bool IsLoad,
                          const clang::Stmt *S) {}
  /// \p Load read \p Val from the location \p Loc.
  virtual void afterLoad(PathContext &P, const clang::Expr *Load,
                         clang::ento::SVal Loc, clang::ento::SVal Val) {}
  /// A branch on \p Cond is about to be taken.
  virtual void onBranch(PathContext &P, const clang::Stmt *Cond) {}
  /// The address of mapping \p M leaves the function at \p Site (a store to
  /// memory that outlives it, or a return).
  virtual void onEscape(PathContext &P, const MappingView &M,
                        const clang::Stmt *Site) {}
  /// The end of a function on a path (the top frame only).
  virtual void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) {}
  /// At the top's end: \p Dropped are the local and atomic mappings an
  /// inlined call of \p FD made and handed to no one when it returned at
  /// \p RS (not returned, not stored where its caller can reach them), still
  /// live. Judged there, once; atTopFunctionEnd then sees them escaped.
  virtual void atInlinedFunctionEnd(PathContext &P,
                                    const clang::FunctionDecl *FD,
                                    const clang::ReturnStmt *RS,
                                    const std::vector<MappingView> &Dropped) {}
};

} // namespace kmapcheck

#endif
