//===- TUContext.h - What a check sees of one translation unit --*- C++ -*-===//
#ifndef KMAPCHECK_CHECKS_TUCONTEXT_H
#define KMAPCHECK_CHECKS_TUCONTEXT_H

#include "checks/ApiModel.h"
#include "checks/Finding.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
}

namespace kmapcheck {
struct LockDecl;

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
  const std::vector<struct LockDecl> &locks() const { return *Locks; }
  void setLocks(const std::vector<struct LockDecl> *L) { Locks = L; }
  const std::vector<MacroUse> &macroUses() const { return Macros; }

  /// Position of \p Loc (its expansion location) as an absolute file path
  /// with line and column.
  SourcePos pos(clang::SourceLocation Loc);
  /// Absolute, normalized path of a file of this TU.
  std::string filePath(clang::FileID FID);
  /// A replacement of \p Range (file locations) with \p Text.
  Replacement replacement(clang::CharSourceRange Range, llvm::StringRef Text);
  /// An insertion of \p Text at the file location \p Loc.
  Replacement insertion(clang::SourceLocation Loc, llvm::StringRef Text);

  void report(Finding F) { Findings.push_back(std::move(F)); }
  std::vector<Finding> takeFindings() { return std::move(Findings); }

private:
  clang::ASTContext &AST;
  const ApiModel &Api;
  const std::vector<MacroUse> &Macros;
  std::string WorkingDir;
  std::vector<Finding> Findings;
  llvm::DenseMap<clang::FileID, std::string> PathCache;
  const std::vector<struct LockDecl> *Locks = &NoLocks;
  static const std::vector<struct LockDecl> NoLocks;
};

} // namespace kmapcheck

#endif
