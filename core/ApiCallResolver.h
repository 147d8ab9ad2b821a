//===- ApiCallResolver.h - Calls of the API model, as spelled ---*- C++ -*-===//
//
// Calls are recognised by the callee's name after macro expansion
// (kunmap_local(a) is a call of __kunmap_local inside the kunmap_local macro),
// and reported and fixed by the name spelled at the use site.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_APICALLRESOLVER_H
#define KMAPCHECK_CORE_APICALLRESOLVER_H

#include "core/ApiModel.h"
#include "core/Summaries.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include <optional>
#include <string>

namespace kmapcheck {

struct ApiCall {
  const clang::CallExpr *Call = nullptr;
  const ApiEntry *Entry = nullptr;
  /// The API name written at the use site (kunmap_atomic, not
  /// __kunmap_atomic). Equals Entry->Name unless the implementation function
  /// was called directly.
  std::string Spelled;
  /// The spelled name token. A file location when Fixable.
  clang::SourceLocation NameLoc;
  /// The whole use (macro invocation or call) as a file range, when Fixable.
  clang::CharSourceRange UseRange;
  /// The name token was written by the user in a file (possibly as a macro
  /// argument), not inside a macro definition.
  bool Fixable = false;
  /// The user macro whose definition contains the call, when not Fixable.
  std::string EnclosingMacro;
  /// Where the use is, for ordering: expansion location in its file.
  clang::FileID File;
  unsigned Offset = 0;
  /// A call of a function without a body in this TU whose summary (another
  /// TU's) says it may sleep: the calls through which it does. Entry is
  /// then a might_sleep entry made for it.
  const SummaryChain *Summary = nullptr;
};

/// Resolves \p CE against the model; std::nullopt when it is no modeled call.
std::optional<ApiCall> resolveApiCall(const clang::CallExpr *CE,
                                      const ApiModel &Api,
                                      clang::ASTContext &Ctx);

/// Resolves a location to where the user wrote it: a file location, following
/// macro arguments to their spelling. Returns an invalid location when the
/// token comes from a macro body, and sets \p MacroName to that macro.
clang::SourceLocation userWrittenLoc(clang::SourceLocation Loc,
                                     const clang::SourceManager &SM,
                                     const clang::LangOptions &LO,
                                     std::string *MacroName = nullptr);

} // namespace kmapcheck

#endif
