//===- CheckFilter.h - clang-tidy style --checks= globs ---------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_CHECKFILTER_H
#define KMAPCHECK_TOOL_CHECKFILTER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace kmapcheck {

/// "-*,kmap-*,-kmap-leak": comma-separated globs, '-' negates, '*' matches
/// anything, the last glob that matches an id decides.
class CheckFilter {
public:
  /// Rejects a glob without '*' that names no known check, suggesting the
  /// closest id.
  static llvm::Expected<CheckFilter> parse(llvm::StringRef Spec,
                                           llvm::ArrayRef<std::string> Known);
  bool enabled(llvm::StringRef Id) const;

private:
  struct Glob {
    bool Positive;
    std::string Pattern;
  };
  std::vector<Glob> Globs;
};

bool globMatches(llvm::StringRef Pattern, llvm::StringRef Text);

/// The known name closest to \p Name, or empty when none is close.
std::string closestName(llvm::StringRef Name,
                        llvm::ArrayRef<std::string> Known);

} // namespace kmapcheck

#endif
