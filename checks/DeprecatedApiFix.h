//===- DeprecatedApiFix.h - The fix-its of kmap-deprecated-api --*- C++ -*-===//
//
// For a unit judgeUnits() left convertible: kmap()/kmap_atomic() become
// kmap_local_page(), kunmap_atomic() becomes kunmap_local(), kunmap(page)
// becomes kunmap_local(var). When a kmap_atomic() section relied on page
// faults or preemption being disabled (core/Reliance), pagefault_disable()
// and/or preempt_disable() go after the map, or after the declarations that
// follow it (the kernel builds with -Wdeclaration-after-statement), and the
// enables before each unmap. A declaration after the map whose initializer
// already relies on them is split: 'T v = E;' keeps 'T v;' in its place and
// 'v = E;' goes after the disables, with the initializers of the later
// declarations of the run, in their order. When that cannot be done safely
// (a const or array variable, a list initializer, several variables in one
// declaration, a macro), the unit gets that reason as its NoFix.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CHECKS_DEPRECATEDAPIFIX_H
#define KMAPCHECK_CHECKS_DEPRECATEDAPIFIX_H

#include "checks/DeprecatedApiUnits.h"
#include "core/Finding.h"

namespace kmapcheck {

/// Builds the fix-its of the kmap() and kmap_atomic() units of \p FU that
/// have no NoFix; a unit whose fix-it cannot be built gets its NoFix.
void buildFixes(FunctionUnits &FU, RelianceAnalysis &Reliance);

/// The notes of the finding at \p M, the first map of \p U, which carries
/// the unit's fix-it: the unmaps it converts and what it keeps disabled.
std::vector<FindingNote> fixNotes(TUContext &Ctx, const ConversionUnit &U,
                                  const MapSite &M);

} // namespace kmapcheck

#endif
