//===- TUContext.h - What a check sees of one translation unit --*- C++ -*-===//
#ifndef KMAPCHECK_CORE_TUCONTEXT_H
#define KMAPCHECK_CORE_TUCONTEXT_H

#include "core/ApiModel.h"
#include "core/Finding.h"
#include "core/LockModel.h"
#include "core/Summaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
}

namespace kmapcheck {
/// A macro of the API model expanded somewhere in the TU (for APIs that are
/// macros expanding to no call of their own, e.g. preempt_disable on some
/// configurations, or this_cpu_read).
struct MacroUse {
  const ApiEntry *Entry = nullptr;
  std::string Name;
  clang::SourceLocation Loc; // the macro name token (possibly in a macro)
};

/// Records expansions of modeled macros while the TU is preprocessed.
class MacroUseRecorder : public clang::PPCallbacks {
public:
  MacroUseRecorder(const ApiModel &Api, std::vector<MacroUse> &Out)
      : Api(Api), Out(Out) {}
  void MacroExpands(const clang::Token &MacroNameTok,
                    const clang::MacroDefinition &MD, clang::SourceRange Range,
                    const clang::MacroArgs *Args) override;

private:
  const ApiModel &Api;
  std::vector<MacroUse> &Out;
};

/// What the checks need to know of the whole TU, gathered in one traversal
/// (a kernel TU is mostly header declarations: every extra full traversal
/// costs a few percent of the parse).
struct TUIndex {
  /// Function definitions, in the order they appear.
  std::vector<const clang::FunctionDecl *> Functions;
  /// The calls to modeled functions (ApiModel::isModeled) in each definition
  /// that has any.
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<const clang::CallExpr *>>
      CallsApi;
  /// Every call to a modeled function, in traversal order.
  std::vector<const clang::CallExpr *> ApiCalls;
  /// Canonical declarations of every function called directly in the TU.
  llvm::DenseSet<const clang::FunctionDecl *> CalledInTU;
};

/// Whether \p Loc (its expansion) is code kmapcheck analyses: the main file,
/// or a .c file the main file includes (directly, or through other included
/// .c files), as the kernel does with lib/decompress_*.c or a shared
/// implementation built in several variants. Headers are not.
bool isUserCode(const clang::SourceManager &SM, clang::SourceLocation Loc);

class TUContext {
public:
  TUContext(clang::ASTContext &AST, const ApiModel &Api,
            const std::vector<MacroUse> &Macros, std::string WorkingDir)
      : AST(AST), Api(Api), Macros(Macros), WorkingDir(std::move(WorkingDir)) {}

  clang::ASTContext &ast() { return AST; }
  clang::SourceManager &sm() { return AST.getSourceManager(); }
  const clang::LangOptions &langOpts() { return AST.getLangOpts(); }
  const ApiModel &api() const { return Api; }
  /// Lock declarations (rules/locks/), empty when none were loaded.
  const LockModel &locks() const { return Locks; }
  void setLocks(const std::vector<LockDecl> *L) { Locks = LockModel(*L); }
  /// Whether code in system headers is reported too (--system-headers).
  bool systemHeaders() const { return SystemHeaders; }
  void setSystemHeaders(bool B) { SystemHeaders = B; }
  const std::vector<MacroUse> &macroUses() const { return Macros; }
  /// Facts about functions of other TUs (a run's merged summaries), or null.
  const SummaryIndex *summaries() const { return Summaries; }
  void setSummaries(const SummaryIndex *S) { Summaries = S; }

  /// Position of \p Loc (its expansion location) as an absolute file path
  /// with line and column.
  SourcePos pos(clang::SourceLocation Loc);
  /// The position just past the token at \p Loc (its expansion location):
  /// the exclusive end of a finding's region.
  SourcePos tokenEnd(clang::SourceLocation Loc);
  /// Absolute, normalized path of a file of this TU.
  std::string filePath(clang::FileID FID);
  /// A replacement of \p Range (file locations) with \p Text.
  Replacement replacement(clang::CharSourceRange Range, llvm::StringRef Text);
  /// An insertion of \p Text at the file location \p Loc.
  Replacement insertion(clang::SourceLocation Loc, llvm::StringRef Text);

  /// The TU index, built on first use. Building it also restricts the
  /// ASTContext's parent map to the main file's functions and the functions
  /// that call a modeled API (the only nodes checks ask parents of), instead
  /// of every inline function of every header.
  const TUIndex &index();

  void report(Finding F) { Findings.push_back(std::move(F)); }
  std::vector<Finding> takeFindings() { return std::move(Findings); }

private:
  clang::ASTContext &AST;
  const ApiModel &Api;
  const std::vector<MacroUse> &Macros;
  std::string WorkingDir;
  std::vector<Finding> Findings;
  std::unique_ptr<TUIndex> Index;
  llvm::DenseMap<clang::FileID, std::string> PathCache;
  LockModel Locks;
  bool SystemHeaders = false;
  const SummaryIndex *Summaries = nullptr;
};

} // namespace kmapcheck

#endif
