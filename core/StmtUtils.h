//===- StmtUtils.h - Statements as the user wrote them ----------*- C++ -*-===//
//
// Helpers for fix-its that insert or move whole statements: the statement of
// a user-written block that contains a call (looking through the API macro's
// own do { } while (0)), its text range including the ';', its indentation.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_STMTUTILS_H
#define KMAPCHECK_CORE_STMTUTILS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <string>

namespace kmapcheck {

/// The statement directly inside a user-written compound statement (or
/// label/case) that contains \p E, with only expressions, declarations and
/// macro-internal statements in between; null otherwise.
const clang::Stmt *userStatementOf(clang::ASTContext &Ctx,
                                   const clang::Expr *E);

/// The file range of \p S from its first token to its ';' inclusive; invalid
/// when it cannot be determined (macros, no ';').
clang::CharSourceRange statementRange(clang::ASTContext &Ctx,
                                      const clang::Stmt *S);

/// The whitespace that starts the line of \p Loc.
std::string lineIndent(const clang::SourceManager &SM,
                       clang::SourceLocation Loc);

/// The text of \p R (a token range, possibly written through macros) as
/// the user wrote it in the file; \p Fallback when it has no file range.
std::string sourceText(clang::ASTContext &Ctx, clang::SourceRange R,
                       llvm::StringRef Fallback = "");

/// The statement following \p S in its compound statement, or null.
const clang::Stmt *nextSibling(clang::ASTContext &Ctx, const clang::Stmt *S);

} // namespace kmapcheck

#endif
