//===- SourceLines.h - Lines of the files findings point into ---*- C++ -*-===//
//
// The filters and renderers that run after the merge read source lines
// (fingerprints, suppressions, snippets); each file is read once.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_SOURCELINES_H
#define KMAPCHECK_TOOL_SOURCELINES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <vector>

namespace kmapcheck {

class SourceLines {
public:
  /// Line \p N (1-based) of \p File without its line ending; empty when the
  /// file cannot be read or has no such line.
  llvm::StringRef line(llvm::StringRef File, unsigned N);
  /// Number of lines of \p File (0 when it cannot be read).
  unsigned lineCount(llvm::StringRef File);
  /// The whole text of \p File (empty when it cannot be read).
  llvm::StringRef text(llvm::StringRef File);
  bool readable(llvm::StringRef File);

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buf;
    std::vector<llvm::StringRef> Lines;
  };
  Entry &get(llvm::StringRef File);
  llvm::StringMap<Entry> Files;
};

/// Trimmed, with every run of white space made one space: the form of a
/// line that fingerprints and baselines compare.
std::string normalizeLine(llvm::StringRef Line);

} // namespace kmapcheck

#endif
