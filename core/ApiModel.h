//===- ApiModel.h - The highmem API model (rules/api/*.yaml) ----*- C++ -*-===//
//
// Effects, not names, drive the checks. Each entry names a function or macro
// and what calling it does: map, unmap, pagefault/preempt/irq effects,
// might_sleep, lock, waits_for_ipi, needs_atomic.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_APIMODEL_H
#define KMAPCHECK_CORE_APIMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kmapcheck {

/// local: kmap_local_*, pte_offset_map*; atomic: kmap_atomic*; global: kmap.
enum class MapKind { Local, Atomic, Global };

enum class Effect {
  PagefaultDisable,
  PagefaultEnable,
  PreemptDisable,
  PreemptEnable,
  IrqDisable,
  IrqEnable,
  IrqSave,
  IrqRestore,
};
bool parseEffect(llvm::StringRef Text, Effect &Out);
/// The rules' name of \p E (pagefault_disable).
llvm::StringRef effectName(Effect E);
/// The rules' name of \p K (local, atomic, global), and back.
llvm::StringRef mapKindName(MapKind K);
bool parseMapKind(llvm::StringRef Text, MapKind &Out);

/// What a section must have disabled for a call to behave as intended.
enum class AtomicNeed { Pagefault, Preempt };

struct MapSpec {
  MapKind Kind = MapKind::Local;
  int PageArg = 0; // index of the page argument; -1 when there is none (pfn)
};

struct UnmapSpec {
  MapKind Kind = MapKind::Local;
  bool ArgIsAddress = true; // kunmap() takes the page, the others the address
  unsigned Arg = 0;
};

enum class LockAction { Acquire, Release };
enum class LockIrq { None, Disable, Enable, Save, Restore };

struct LockSpec {
  LockAction Action = LockAction::Acquire;
  int Arg = 0;      // -1: the lock is implied by the function (lock_kmap)
  std::string Lock; // named lock when Arg == -1
  LockIrq Irq = LockIrq::None;
  bool Sleeping = false; // a mutex/rwsem: holding it is not atomic context
  /// A trylock: the lock is held after the call only where it returned
  /// nonzero ('try: true'; spin_trylock(), read_trylock()).
  bool Try = false;
};

/// A copy that handles overlapping source and destination by comparing
/// their addresses (memmove()).
struct MoveSpec {
  unsigned Dst = 0;
  unsigned Src = 1;
};

struct IpiSpec {
  int WaitArg = -1; // -1: always waits; else waits when that argument != 0
};

/// A callee that advances a cursor of a struct it is given, within a
/// window: zlib_inflate(strm) moves strm->next_out forward by up to
/// strm->avail_out bytes and lowers avail_out by as much.
struct AdvanceSpec {
  unsigned Arg = 0;  // the argument pointing to the struct
  std::string Field; // the cursor field (next_out)
  std::string Limit; // the field of bytes left in the window (avail_out)
};

/// An error-pointer test of include/linux/err.h: the same pointer tests the
/// same way everywhere on a path.
enum class ErrorPointerTest { None, IsErr, IsErrOrNull };

struct ApiEntry {
  std::string Name;                 // the API as written (function or macro)
  bool IsMacro = false;             // Name is a macro
  std::vector<std::string> Callees; // functions the macro expands to
  std::optional<MapSpec> Map;
  std::optional<UnmapSpec> Unmap;
  std::vector<Effect> Effects;
  bool MightSleep = false;
  /// Sleeps when the GFP flags in this argument allow direct reclaim
  /// ('might_sleep_if: {gfp_arg: N}'); -1 when the entry has no such rule.
  int SleepGfpArg = -1;
  bool UserCopy = false; // sleeps with faults enabled, fails fast otherwise
  std::vector<AtomicNeed> NeedsAtomic;
  std::optional<LockSpec> Lock;
  std::optional<IpiSpec> WaitsForIpi;
  bool SelfContained = false;        // maps and unmaps within itself
  std::vector<unsigned> EscapesArgs; // stores/defers these arguments
  std::vector<AdvanceSpec> Advances; // cursors it moves
  std::optional<MoveSpec> Moves;     // memmove(): overlap seen by address
  /// Hands these arguments (or the objects they point into) to work that
  /// runs in another task or context (queue_work, call_rcu, complete, ...).
  std::vector<unsigned> HandsOff;
  std::string DeprecatedBy; // replacement when deprecated
  ErrorPointerTest ErrTest = ErrorPointerTest::None;
  /// An entry made from a function summary (core/Summaries.h) for a callee
  /// defined in another TU: what it does and through which call, for the
  /// notes of findings that rest on it. Empty for the model's own entries.
  std::string Via;
  // Where the entry was declared, for messages.
  std::string SourceFile;
  unsigned SourceLine = 0;

  bool hasNeed(AtomicNeed N) const;
  bool hasEffect(Effect E) const;
};

class ApiModel {
public:
  /// Adds or replaces (by Name) an entry; later files override earlier ones.
  void add(ApiEntry E);
  /// Rebuilds the lookup tables; call after the last add().
  void finalize();

  /// The entry for a function or macro spelled \p Name (patterns like
  /// this_cpu_* included), or null.
  const ApiEntry *lookupName(llvm::StringRef Name) const;
  /// Entries of macros that expand to a call of \p Callee.
  llvm::ArrayRef<const ApiEntry *>
  macrosExpandingTo(llvm::StringRef Callee) const;
  /// True when \p FunctionName is part of the model: its body is the model,
  /// never analysed as a client.
  bool isModeled(llvm::StringRef FunctionName) const;

  /// True when the body of \p FunctionName is part of the highmem model (a
  /// map, unmap, effect or self-contained helper, or an internal named bare)
  /// rather than client code; user copies and sleeping calls are clients.
  bool bodyIsModel(llvm::StringRef FunctionName) const;

  const std::vector<ApiEntry> &entries() const { return Entries; }

  /// The kernel's PAGE_SIZE in bytes (rules/api 'page_size'; a later file
  /// overrides an earlier one), or 0 when no rules file declares it.
  uint64_t pageSize() const { return PageSize; }
  void setPageSize(uint64_t Bytes) { PageSize = Bytes; }

  /// The GFP bit that lets an allocation sleep (__GFP_DIRECT_RECLAIM):
  /// rules/api 'gfp_direct_reclaim: {value: V, macro: M}'. A TU that defines
  /// the macro M as an integer literal overrides V (PathEngine::gfpSleepBit()).
  /// Value 0: no rules file declares it (flags never make a call sleep).
  uint64_t gfpSleepBit() const { return GfpSleepBit; }
  const std::string &gfpSleepMacro() const { return GfpSleepMacro; }
  void setGfpSleepBit(uint64_t Bit, std::string Macro) {
    GfpSleepBit = Bit;
    GfpSleepMacro = std::move(Macro);
  }

private:
  std::vector<ApiEntry> Entries;
  llvm::StringMap<size_t> ByName;
  std::vector<size_t> Patterns; // entries whose name ends in '*'
  llvm::StringMap<std::vector<const ApiEntry *>> ByCallee;
  uint64_t PageSize = 0;
  uint64_t GfpSleepBit = 0;
  std::string GfpSleepMacro;
};

} // namespace kmapcheck

#endif
