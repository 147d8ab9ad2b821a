//===- Prefilter.h - Skips TUs that cannot produce a finding ----*- C++ -*-===//
//
// A TU can produce a finding only where its own code names something the
// model acts on: a map or unmap, a page-fault or preemption effect, a lock
// declared in rules/locks (or a function taking one), or a call that waits
// for an IPI. Sleeping calls, IRQ and plain lock functions matter only inside
// a section one of those opens, so they do not make a TU relevant alone.
//
// "Its own code" is the main file and the files it includes with quotes
// ("internal.h", "foo.c"), followed recursively: the raw lexer (comments and
// string literals do not count, #if 0 blocks do) scans each file once per
// run, and the result is cached per file. Headers included with angle
// brackets (<linux/highmem.h>) are the tree's shared headers, which define
// the model's functions; they are not followed.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_PREFILTER_H
#define KMAPCHECK_TOOL_PREFILTER_H

#include "core/RulesLoader.h"
#include "tool/CompileDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace kmapcheck {

class Prefilter {
public:
  explicit Prefilter(const RuleSet &Rules);
  /// A prefilter for TUs whose own code names one of \p Triggers (the
  /// functions other TUs' summaries say map, unmap or change a depth).
  explicit Prefilter(const llvm::StringSet<> &Triggers);

  /// Whether \p Cmd may produce a finding. A main file that cannot be read
  /// is relevant (its analysis reports the error).
  bool relevant(const CompileCommand &Cmd);

  /// The names that make a TU relevant (for tests and --verbose).
  const llvm::StringSet<> &triggers() const { return Names; }

private:
  struct FileScan {
    bool Readable = false;
    bool Mentions = false;
    std::vector<std::string> QuotedIncludes; // as spelled
  };
  const FileScan &scan(const std::string &Path);
  bool mentions(llvm::StringRef Identifier) const;

  llvm::StringSet<> Names;
  std::vector<std::string> Prefixes; // patterns (this_cpu_*) without the '*'
  llvm::StringMap<FileScan> Cache;
};

} // namespace kmapcheck

#endif
