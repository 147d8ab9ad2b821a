//===- PathState.h - The engine's per-path state ----------------*- C++ -*-===//
//
// Small immutable ProgramState traits, shared by the engine's files: the
// mappings made on the path, the task's local-mapping stack, held locks,
// IS_ERR() outcomes and the page-fault, preemption and IRQ-off depths.
// Checks do not include this file: they see the state through PathContext
// and keep their own traits in their own files.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_ENGINE_PATHSTATE_H
#define KMAPCHECK_CORE_ENGINE_PATHSTATE_H

#include "core/engine/PathCheck.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/FoldingSet.h"

namespace kmapcheck {

/// One mapping on one path.
struct Mapping {
  MapKind Kind;
  bool Released = false;
  bool Escaped = false;
  /// An unmap the engine could not tell may have released it: not held for
  /// any check (kmap-pool-deadlock), never reported as left behind.
  bool Unsure = false;
  const ApiEntry *Entry = nullptr;
  const clang::Expr *MapSite = nullptr;
  const clang::Expr *UnmapSite = nullptr;
  const void *Page = nullptr;
  /// Creation order on this path, and (kmap() only) how many local
  /// mappings were live then.
  unsigned Seq = 0;
  unsigned LocalsBelow = 0;
  const clang::Decl *Fn = nullptr; // the function that made it
  const void *Frame = nullptr;     // its stack frame on this path

  bool operator==(const Mapping &O) const {
    return Kind == O.Kind && Released == O.Released && Escaped == O.Escaped &&
           Unsure == O.Unsure && Entry == O.Entry && MapSite == O.MapSite &&
           UnmapSite == O.UnmapSite && Page == O.Page && Seq == O.Seq &&
           LocalsBelow == O.LocalsBelow && Frame == O.Frame;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(unsigned(Kind));
    ID.AddBoolean(Released);
    ID.AddBoolean(Escaped);
    ID.AddBoolean(Unsure);
    ID.AddPointer(Entry);
    ID.AddPointer(MapSite);
    ID.AddPointer(UnmapSite);
    ID.AddPointer(Page);
    ID.AddInteger(Seq);
    ID.AddInteger(LocalsBelow);
    ID.AddPointer(Fn);
    ID.AddPointer(Frame);
  }
};

/// One held lock on one path.
struct HeldLock {
  unsigned Count = 0;
  bool IrqOff = false;
  bool Sleeping = false;
  const clang::Expr *Site = nullptr;
  const clang::Decl *D = nullptr; // the lock's field or variable
  const char *Named = nullptr;    // a lock named by the model, not by code
  /// Which lock this is cannot be told (a pointer an opaque call returned),
  /// or a release of such a lock may have released it: checks do not see it.
  bool Unknown = false;
  bool operator==(const HeldLock &O) const {
    return Count == O.Count && IrqOff == O.IrqOff && Site == O.Site &&
           D == O.D && Sleeping == O.Sleeping && Named == O.Named &&
           Unknown == O.Unknown;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(Count);
    ID.AddBoolean(IrqOff);
    ID.AddBoolean(Sleeping);
    ID.AddPointer(Site);
    ID.AddPointer(D);
    ID.AddPointer(Named);
    ID.AddBoolean(Unknown);
  }
};

using MappingMap = llvm::ImmutableMap<clang::ento::SymbolRef, Mapping>;
using LocalStackList = llvm::ImmutableList<clang::ento::SymbolRef>;
using HeldLockMap = llvm::ImmutableMap<const void *, HeldLock>;
using ErrPointerMap = llvm::ImmutableMap<const void *, bool>;
using PinMap =
    llvm::ImmutableMap<const clang::ento::MemRegion *, clang::ento::SVal>;

// Trait tags. Unlike REGISTER_*_WITH_PROGRAMSTATE (one file only), these are
// shared by the engine's files; their indices are defined in PathState.cpp.
struct Mappings {};        // every mapping made on the path, by address
struct LocalStack {};      // live local and atomic mappings, most recent first
struct HeldLocks {};       // by lock region or model name
struct ErrPointers {};     // IS_ERR() outcome by pointer (region or symbol)
struct PagefaultDepth {};  // pagefault_disable() depth
struct PreemptDepth {};    // preempt_disable() depth
struct IrqOffDepth {};     // local_irq_disable()/save depth
struct BalanceIndirect {}; // balance not judged on this path

} // namespace kmapcheck

#define KMAPCHECK_SHARED_TRAIT(Tag, Type)                                      \
  namespace clang {                                                            \
  namespace ento {                                                             \
  template <>                                                                  \
  struct ProgramStateTrait<kmapcheck::Tag>                                     \
      : public ProgramStatePartialTrait<Type> {                                \
    static void *GDMIndex();                                                   \
  };                                                                           \
  }                                                                            \
  }

KMAPCHECK_SHARED_TRAIT(Mappings, kmapcheck::MappingMap)
KMAPCHECK_SHARED_TRAIT(LocalStack, kmapcheck::LocalStackList)
KMAPCHECK_SHARED_TRAIT(HeldLocks, kmapcheck::HeldLockMap)
KMAPCHECK_SHARED_TRAIT(ErrPointers, kmapcheck::ErrPointerMap)
KMAPCHECK_SHARED_TRAIT(PagefaultDepth, int)
KMAPCHECK_SHARED_TRAIT(PreemptDepth, int)
KMAPCHECK_SHARED_TRAIT(IrqOffDepth, int)
KMAPCHECK_SHARED_TRAIT(BalanceIndirect, bool)

namespace kmapcheck {

/// How many elements an immutable map or list of the state holds.
template <class Range> unsigned sizeOf(const Range &R) {
  unsigned N = 0;
  for (auto It = R.begin(), End = R.end(); It != End; ++It)
    ++N;
  return N;
}

} // namespace kmapcheck

#endif
