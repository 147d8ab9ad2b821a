//===- StmtUtils.h - Statements as the user wrote them ----------*- C++ -*-===//
//
// Helpers for fix-its that insert or move whole statements: the statement of
// a user-written block that contains a call (looking through the API macro's
// own do { } while (0)), its text range including the ';', its indentation,
// the source text of an expression; and an index of one function body (its
// calls, variable references and writes) with the address helpers the
// AST-level analyses share (a, (char *)a, a + off are all "a").
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_STMTUTILS_H
#define KMAPCHECK_CORE_STMTUTILS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

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

/// The text of the file range \p R (statementRange()'s) as it is in the file.
std::string fileText(clang::ASTContext &Ctx, clang::CharSourceRange R);

/// The statement following \p S in its compound statement, or null.
const clang::Stmt *nextSibling(clang::ASTContext &Ctx, const clang::Stmt *S);

/// The first parent of \p N in the AST, or an empty node.
clang::DynTypedNode parentOf(clang::ASTContext &Ctx,
                             const clang::DynTypedNode &N);

/// \p E without parentheses, implicit and C-style casts.
const clang::Expr *stripCasts(const clang::Expr *E);
/// \p E without casts and pointer arithmetic: kmap_atomic(p) + offset gives
/// the call.
const clang::Expr *stripAddressArith(const clang::Expr *E);
/// The variable an address expression is based on: a, (char *)a, a + off.
const clang::VarDecl *addressBaseVar(const clang::Expr *E);

/// The calls, variable references and writes of one function body, in
/// traversal order.
struct BodyIndex {
  explicit BodyIndex(const clang::Stmt *Body);

  std::vector<const clang::CallExpr *> Calls;
  llvm::DenseMap<const clang::VarDecl *,
                 std::vector<const clang::DeclRefExpr *>>
      Refs;
  /// Assignments, compound ones included.
  std::vector<const clang::BinaryOperator *> Assignments;
  /// Increments, decrements and address-of operators.
  std::vector<const clang::UnaryOperator *> Increments;
};

} // namespace kmapcheck

#endif
