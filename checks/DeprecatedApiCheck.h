//===- DeprecatedApiCheck.h - kmap-deprecated-api ---------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H

#include "core/engine/PathCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace kmapcheck {

/// Reports kmap(), kmap_atomic*(), kunmap() and kunmap_atomic() and converts
/// them to kmap_local_page()/kunmap_local() when that is provably equivalent
/// within the function.
///
/// False-positive policy: every call of a deprecated API is reported (the
/// report itself cannot be wrong); the fix-it is where precision matters, and
/// it is offered only when map and unmap are paired in one function through a
/// local variable, the address does not escape, the conversion keeps local
/// mappings in stack order, and whatever the kmap_atomic() section relied on
/// (page faults or preemption disabled) is kept with explicit calls. Anything
/// else gets a note saying why there is no fix-it.
///
/// The reports and fix-its are decided on the AST in run(), after the path
/// engine: on the engine's paths the check records, per kmap() call, a path
/// that would release a kmap_local_page() in its place out of stack order,
/// and a store of its address to memory that outlives the function.
class DeprecatedApiCheck : public PathCheck {
public:
  DeprecatedApiCheck(const CheckSpec &Spec, CheckOptions Options);
  void run(TUContext &Ctx) override;

  /// Only the functions that call kmap() need the engine's paths.
  std::optional<MapKind> onlyFunctionsMapping() const override {
    return MapKind::Global;
  }
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override;
  void onEscape(PathContext &P, const MappingView &M,
                const clang::Stmt *Site) override;

  /// Converting the mapping to kmap_local_page() would release it out of
  /// stack order at \c Unmap, where the mapping made at \c Other is still
  /// the more recent (or was released before it).
  struct OrderFact {
    const clang::Expr *Unmap = nullptr;
    const clang::Expr *Other = nullptr;
    bool OtherReleasedFirst = false;
  };
  /// The address is stored, on a path, to memory that outlives the function
  /// (\c Store), possibly inside a TU-local callee (\c Callee, reached
  /// through \c CallSite in the mapping's function).
  struct EscapeFact {
    const clang::Stmt *Store = nullptr;
    const clang::FunctionDecl *Callee = nullptr;
    const clang::Expr *CallSite = nullptr;
  };

private:
  /// By kmap() call; the first path found is the one shown.
  llvm::DenseMap<const clang::CallExpr *, OrderFact> OrderFacts;
  llvm::DenseMap<const clang::CallExpr *, EscapeFact> EscapeFacts;

  bool FixKmap;
  bool FixKmapAtomic;
};

} // namespace kmapcheck

#endif
