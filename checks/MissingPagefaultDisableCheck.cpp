//===- MissingPagefaultDisableCheck.cpp -----------------------------------===//
//
// The check kmap-local-missing-pagefault-disable.
//
// kmap_atomic() disabled page faults; kmap_local_page() does not. A user copy
// that relies on failing fast (a *_inatomic copy) inside a kmap_local section
// with page faults enabled may instead fault and sleep, and the fallback that
// retries outside the mapping never runs (mm/shmem.c, mm/userfaultfd.c before
// the 2022 fixes). The fix-it wraps the copy in
// pagefault_disable()/pagefault_enable().
//
// False-positive policy: only copies that must fail fast count (an *_inatomic
// copy the model says needs page faults disabled, or a user copy while this
// path holds a lock page faults take, mmap_lock: taken_by_page_faults in
// rules/locks/), only inside a kmap_local section (kmap_atomic() disables
// page faults itself), and never when page faults are already disabled on
// the path.
//
//===----------------------------------------------------------------------===//
#include "checks/MissingPagefaultDisableCheck.h"
#include "core/Reliance.h"
#include "core/StmtUtils.h"

namespace kmapcheck {
using namespace clang;

MissingPagefaultDisableCheck::MissingPagefaultDisableCheck(
    const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {}

void MissingPagefaultDisableCheck::beforeCall(PathContext &P, const ApiCall &AC,
                                              const ento::CallEvent &Call) {
  const ApiEntry &E = *AC.Entry;
  if (!E.UserCopy || P.pagefaultDepth() > 0)
    return;
  // A copy relies on failing fast when it is an *_inatomic copy, or when a
  // fault would take a lock this path holds (mmap_lock; the userfaultfd
  // mcopy path: on failure it drops the mapping and retries without it).
  std::string FaultLock;
  for (const LockView &L : P.heldLocks())
    if (const LockDecl *D = P.tu().locks().byName(L.Name))
      if (D->TakenByPageFaults)
        FaultLock = L.Name;
  if (!mustFailFast(E, !FaultLock.empty()))
    return;
  const MappingView *Local = nullptr;
  std::vector<MappingView> Live = P.liveLocals();
  for (const MappingView &M : Live)
    if (M.Kind == MapKind::Local) {
      Local = &M;
      break;
    }
  if (!Local)
    return;
  std::vector<Replacement> Fixes;
  ASTContext &Ctx = P.tu().ast();
  if (AC.Fixable)
    if (const Stmt *S = userStatementOf(Ctx, AC.Call)) {
      CharSourceRange R = statementRange(Ctx, S);
      if (R.isValid() && !isa<DeclStmt>(S)) {
        std::string Indent = lineIndent(Ctx.getSourceManager(), R.getBegin());
        Fixes.push_back(
            P.tu().insertion(R.getBegin(), "pagefault_disable();\n" + Indent));
        Fixes.push_back(P.tu().insertion(
            R.getEnd(), "\n" + Indent + "pagefault_enable();"));
      }
    }
  std::string Why =
      FaultLock.empty() || E.hasNeed(AtomicNeed::Pagefault)
          ? "'" + AC.Spelled +
                "' relies on page faults being disabled to fail fast"
          : "'" + AC.Spelled + "' may fault while this path holds " +
                FaultLock + " (the fault takes it again); it must fail fast";
  P.involve(*Local);
  P.report(*this, AC.NameLoc,
           Why + ", but the kmap_local section of '" + Local->Name +
               "' does not disable page faults; add pagefault_disable()/"
               "pagefault_enable()",
           {P.createdNote(*Local)}, std::move(Fixes));
}

} // namespace kmapcheck
