//===- Reliance.h - What code relies on kmap_atomic() for -------*- C++ -*-===//
//
// kmap_atomic() disables page faults and preemption; kmap_local_page() does
// neither. Code under a kmap_atomic() mapping may rely on either: a user copy
// fails fast instead of sleeping only with page faults disabled, and per-CPU
// access (smp_processor_id(), this_cpu_*()) needs preemption disabled. The
// API model says which calls rely on what (user_copy, needs_atomic); this
// file answers, for calls and for a stretch of a function's code (its calls,
// the TU-local functions they call, transitively, and the model's macros),
// whether it relies on either, with the first evidence of each.
//
// kmap-deprecated-api keeps what a converted kmap_atomic() section relied on;
// kmap-local-missing-pagefault-disable reports a kmap_local section whose
// user copy must fail fast but may sleep.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_RELIANCE_H
#define KMAPCHECK_CORE_RELIANCE_H

#include "core/ApiModel.h"
#include "core/StmtUtils.h"
#include "core/TUContext.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace kmapcheck {

/// A call of \p E relies on page faults being disabled: a user copy (with
/// page faults disabled it fails fast instead of faulting the page in and
/// sleeping), or an entry that needs them disabled.
bool reliesOnPagefaultsOff(const ApiEntry &E);
/// A call of \p E relies on preemption being disabled (per-CPU access).
bool reliesOnPreemptOff(const ApiEntry &E);
/// A user copy that must fail fast, so page faults must be disabled around
/// it: an *_inatomic copy the model says needs them disabled, or any user
/// copy while the path holds a lock a page fault takes (\p HoldsFaultLock).
bool mustFailFast(const ApiEntry &E, bool HoldsFaultLock);

/// What a stretch of code relies on, with the first evidence of each.
struct Reliance {
  struct Evidence {
    bool Found = false;
    clang::SourceLocation Loc; // the call, or the call leading to it
    std::string Why;           // "'copy_in' (through '__copy_from_user')"
    unsigned Offset = 0;       // file offset of Loc's expansion
  };
  Evidence Pagefault, Preempt;
  bool any() const { return Pagefault.Found || Preempt.Found; }
};

/// Reliance of code in one TU; what TU-local functions rely on is computed
/// once per function and kept.
class RelianceAnalysis {
public:
  explicit RelianceAnalysis(TUContext &Ctx) : Ctx(Ctx) {}

  /// What the code of a function body (\p Body, written in \p File) between
  /// the file offsets \p Begin and \p End (both excluded) relies on.
  Reliance section(const BodyIndex &Body, clang::FileID File, unsigned Begin,
                   unsigned End);

private:
  void addCall(const clang::CallExpr *CE, Reliance &R, unsigned Depth);
  Reliance callee(const clang::FunctionDecl *Callee, unsigned Depth);
  unsigned offsetOf(clang::SourceLocation L);

  TUContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, Reliance> Memo;
};

} // namespace kmapcheck

#endif
