//===- DeprecatedApiSafety.h - Why a conversion gets no fix-it --*- C++ -*-===//
//
// A conversion unit is converted only when kmap_local_page() in its place is
// provably equivalent within the function. This file decides it and says
// why not: the check's options, a unit that is incomplete (no unmap, a mixed
// family, a call inside a macro), an address kept where the unmap cannot
// name it (not a local variable, modified, out of scope, a page expression
// that changes), an address that escapes (core/EscapeAnalysis on the AST,
// the path engine's escapes for stores in TU-local callees), and local
// mappings out of stack order (in source order, and on the engine's paths,
// where a branch may release them in another order).
//
// The path facts are gathered by the check's hooks while the engine runs and
// used after it, in run().
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPISAFETY_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPISAFETY_H

#include "checks/DeprecatedApiUnits.h"
#include "core/engine/PathCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace kmapcheck {

/// Converting a kmap() mapping to kmap_local_page() would release it out of
/// stack order at \c Unmap, where the mapping made at \c Other is still the
/// more recent (or was released before it).
struct OrderFact {
  const clang::Expr *Unmap = nullptr;
  const clang::Expr *Other = nullptr;
  bool OtherReleasedFirst = false;
};

/// What the engine's paths showed, by kmap() call; the first path found is
/// the one shown.
struct PathFacts {
  llvm::DenseMap<const clang::CallExpr *, OrderFact> Order;
  /// The address is stored, on a path, to memory that outlives the function.
  llvm::DenseMap<const clang::CallExpr *, EscapeSite> Escapes;

  /// At an unmap of a kmap() mapping: would kmap_local_page() in its place
  /// be released out of stack order on this path?
  void atUnmap(PathContext &P, const ApiCall &AC, const UnmapTarget &T);
  /// A kmap() address leaves its function.
  void atEscape(PathContext &P, const MappingView &M, const clang::Stmt *Site);
};

/// Which conversions the check's options allow.
struct FixOptions {
  bool Kmap = true;
  bool KmapAtomic = true;
};

/// Sets the NoFix of every kmap() and kmap_atomic() unit of \p FU that
/// cannot be converted safely; the units left are handed to the fix builder.
void judgeUnits(FunctionUnits &FU, const PathFacts &Facts, FixOptions Opts);

} // namespace kmapcheck

#endif
