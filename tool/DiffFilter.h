//===- DiffFilter.h - Findings on changed lines only ------------*- C++ -*-===//
//
// --diff-base REV keeps the findings whose primary location lies on a line
// changed since REV (git diff -U0 -M REV in the repository holding the file;
// untracked files count as wholly changed). --line-filter takes clang-tidy's
// JSON form: [{"name":"fs/a.c","lines":[[10,12],[20,20]]},{"name":"b.h"}]
// (no "lines": every line of the file).
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_DIFFFILTER_H
#define KMAPCHECK_TOOL_DIFFFILTER_H

#include "core/Finding.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace kmapcheck {

class LineFilter {
public:
  struct Entry {
    std::string Name; // a path, or a path suffix (clang-tidy semantics)
    bool AllLines = false;
    std::vector<std::pair<unsigned, unsigned>> Ranges; // inclusive
  };
  void add(Entry E) { Entries.push_back(std::move(E)); }
  /// True when \p Line of \p File (absolute) passes: some entry names the
  /// file (equal, or a suffix starting after a '/') and covers the line.
  bool passes(llvm::StringRef File, unsigned Line) const;
  const std::vector<Entry> &entries() const { return Entries; }

private:
  std::vector<Entry> Entries;
};

/// clang-tidy's --line-filter JSON; errors name what was expected.
llvm::Expected<LineFilter> parseLineFilter(llvm::StringRef Json);

/// Adds the new-side lines of a "git diff -U0" output to \p Out, with file
/// names made absolute against \p RepoRoot.
llvm::Error parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot,
                             LineFilter &Out);

/// Runs git in every repository that holds one of \p Files and collects the
/// lines changed since \p Rev (committed or not). Paths are real paths.
llvm::Expected<LineFilter> changedLinesSince(llvm::StringRef Rev,
                                             llvm::ArrayRef<std::string> Files);

/// Removes findings that do not pass \p Filter (their file is resolved to a
/// real path first); returns how many were removed.
unsigned applyLineFilter(std::vector<Finding> &Findings,
                         const LineFilter &Filter, bool RealPaths);

} // namespace kmapcheck

#endif
