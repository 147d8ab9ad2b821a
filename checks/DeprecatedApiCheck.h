//===- DeprecatedApiCheck.h - kmap-deprecated-api ---------------*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPICHECK_H

#include "checks/DeprecatedApiSafety.h"
#include "core/engine/PathCheck.h"

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
/// The path engine runs first: on its paths the check records, per kmap()
/// call, a path that would release a kmap_local_page() in its place out of
/// stack order, and a store of its address to memory that outlives the
/// function (PathFacts). run() then decides on each function's AST, with
/// those facts: the conversion units (DeprecatedApiUnits), whether each is
/// safe to convert (DeprecatedApiSafety), its fix-it (DeprecatedApiFix), and
/// the reports.
class DeprecatedApiCheck : public PathCheck {
public:
  DeprecatedApiCheck(const CheckSpec &Spec, CheckOptions Options);
  void run(TUContext &Ctx) override;

  /// Only the functions that call kmap() need the engine's paths.
  std::optional<MapKind> onlyFunctionsMapping() const override {
    return MapKind::Global;
  }
  void beforeUnmap(PathContext &P, const ApiCall &AC,
                   const UnmapTarget &T) override {
    Facts.atUnmap(P, AC, T);
  }
  void onEscape(PathContext &P, const MappingView &M,
                const clang::Stmt *Site) override {
    Facts.atEscape(P, M, Site);
  }

private:
  void report(FunctionUnits &FU);

  PathFacts Facts;
  FixOptions Fix;
};

} // namespace kmapcheck

#endif
