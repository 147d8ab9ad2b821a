//===- Fingerprint.h - Stable identities of findings ------------*- C++ -*-===//
//
// A finding's fingerprint survives unrelated edits (lines added or removed
// elsewhere in the file, the checkout moved) and changes when the finding's
// own code changes. It is a hash of:
//   - the check id,
//   - the file, relative to the source root,
//   - the enclosing function,
//   - the normalised text of the finding's line and of its map site (the
//     location of the "... created here" note, when there is one),
//   - an occurrence index among findings equal in all of the above.
// Line numbers are not part of it. Baselines, SARIF partialFingerprints,
// GitLab and JSON output all carry the same value.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_FINGERPRINT_H
#define KMAPCHECK_TOOL_FINGERPRINT_H

#include "core/Finding.h"
#include "tool/SourceLines.h"
#include <string>
#include <vector>

namespace kmapcheck {

/// \p File relative to \p Root when it lies below it ("fs/a.c"), else \p File
/// unchanged. Separators are '/'.
std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root);

/// The note that names where the finding's mapping was created, or null.
const FindingNote *mapSiteNote(const Finding &F);

/// Sets Finding::Fingerprint (16 hex digits) on every finding. \p Findings
/// must be in report order (sortAndDedupe): occurrence indices follow it.
void computeFingerprints(std::vector<Finding> &Findings,
                         llvm::StringRef SourceRoot, SourceLines &Lines);

} // namespace kmapcheck

#endif
