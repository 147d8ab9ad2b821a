//===- Baseline.h - Accepted findings by fingerprint ------------*- C++ -*-===//
//
// A baseline is a small sorted YAML file of fingerprints (tool/Fingerprint.h):
//
//   # kmapcheck baseline: ...
//   version: 1
//   fingerprints:
//     - 3f2a9c0d41b7e615 # kmap-leak fs/a.c
//
// --write-baseline writes the fingerprints of the current findings;
// --baseline hides the findings whose fingerprint it lists.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_BASELINE_H
#define KMAPCHECK_TOOL_BASELINE_H

#include "core/Finding.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>
#include <vector>

namespace kmapcheck {

struct Baseline {
  std::set<std::string> Fingerprints;
};

/// Parses a baseline; errors are "file:line:column: what was expected".
llvm::Expected<Baseline> parseBaseline(llvm::StringRef Path,
                                       llvm::StringRef Contents);
llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path);

/// The baseline text for \p Findings (sorted, without duplicates).
std::string renderBaseline(llvm::ArrayRef<Finding> Findings,
                           llvm::StringRef SourceRoot);

/// Removes the findings \p B lists; returns how many were removed.
unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &B);

} // namespace kmapcheck

#endif
